package dev.stoa.hub.bench;

import dev.stoa.hub.testing.ChildProcesses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** nginx serving a folder on loopback: the static-file baseline of the download benchmarks. */
final class Nginx implements AutoCloseable {

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts nginx (installing it from the Debian registry when missing) serving {@code root}. */
    static Nginx serve(Path root, Path workDir) {
        try {
            Path binary = Path.of("/usr/sbin/nginx");
            if (!Files.isExecutable(binary)) {
                run("apt-get", "install", "-y", "-q", "nginx");
            }
            Files.createDirectories(workDir);
            int port = ChildProcesses.freePort();
            Path conf = workDir.resolve("nginx.conf");
            Files.writeString(conf, """
                    daemon off;
                    worker_processes 2;
                    error_log %1$s/error.log warn;
                    pid %1$s/nginx.pid;
                    events { worker_connections 1024; }
                    http {
                        access_log off;
                        sendfile on;
                        client_body_temp_path %1$s/body;
                        proxy_temp_path %1$s/proxy;
                        fastcgi_temp_path %1$s/fastcgi;
                        uwsgi_temp_path %1$s/uwsgi;
                        scgi_temp_path %1$s/scgi;
                        server {
                            listen 127.0.0.1:%2$d;
                            root %3$s;
                        }
                    }
                    """.formatted(workDir.toAbsolutePath(), port, root.toAbsolutePath()));
            Process process = new ProcessBuilder(binary.toString(), "-c", conf.toString(), "-p", workDir.toString())
                    .redirectErrorStream(true).redirectOutput(workDir.resolve("nginx.out").toFile()).start();
            Nginx nginx = new Nginx(process, port);
            nginx.awaitListening();
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start nginx", e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/" + path);
    }

    private void awaitListening() {
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with code " + process.exitValue());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("nginx did not listen on port " + port);
    }

    private static void run(String... command) throws IOException {
        try {
            Process install = new ProcessBuilder(command).inheritIO().start();
            if (install.waitFor() != 0) {
                throw new IllegalStateException("'" + String.join(" ", command) + "' failed: install nginx first");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
