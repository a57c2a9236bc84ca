package dev.stoa.hub.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code .mvn/jdk}, which {@code mvnw} (and so the README's commands and {@code .ci/run}) runs to find a JDK 21+,
 * against folders of stand-in JDKs whose {@code java} reports a version: it must pass over an older default java and
 * an older {@code JAVA_HOME}, respect a new enough {@code JAVA_HOME}, and say what to install when there is none.
 */
class JdkFinderTest {

    private static final Path SCRIPT = Path.of("..", ".mvn", "jdk").toAbsolutePath().normalize();

    @TempDir
    Path machine;

    @Test
    void aDefaultJava17IsPassedOverForTheNewestJdk() throws Exception {
        Path jdks = machine.resolve("jvm");
        Path old = fakeJdk(jdks.resolve("openjdk-17"), "17");
        fakeJdk(jdks.resolve("temurin-21"), "21");
        Path newest = fakeJdk(jdks.resolve("temurin-25"), "25");

        Result found = run(Map.of("PATH", old.resolve("bin") + ":/usr/bin:/bin", "STOA_JDK_DIRS", jdks.toString()));

        assertThat(found.exitCode()).isZero();
        assertThat(found.stdout().strip()).isEqualTo(newest.toString());
    }

    @Test
    void aNewEnoughJavaHomeIsKeptAndAnOldOneReplaced() throws Exception {
        Path jdks = machine.resolve("jvm");
        Path old = fakeJdk(jdks.resolve("openjdk-17"), "17");
        Path chosen = fakeJdk(jdks.resolve("temurin-21"), "21");
        Path newest = fakeJdk(jdks.resolve("temurin-25"), "25");

        assertThat(run(Map.of("JAVA_HOME", chosen.toString(), "STOA_JDK_DIRS", jdks.toString())).stdout().strip())
                .isEqualTo(chosen.toString());
        Result replaced = run(Map.of("JAVA_HOME", old.toString(), "STOA_JDK_DIRS", jdks.toString()));
        assertThat(replaced.stdout().strip()).isEqualTo(newest.toString());
        assertThat(replaced.stderr()).contains("JAVA_HOME (" + old + ") is not a JDK 21 or newer");
    }

    @Test
    void runsAProgramOfTheJdkItFound() throws Exception {
        Path jdks = machine.resolve("jvm");
        fakeJdk(jdks.resolve("temurin-25"), "25");

        Result ran = run(Map.of("STOA_JDK_DIRS", jdks.toString()), "java", "-jar", "app.jar");

        assertThat(ran.stdout().strip()).isEqualTo("java 25 ran: -jar app.jar");
    }

    @Test
    void withoutAJdk21ItSaysWhatToInstall() throws Exception {
        Path jdks = machine.resolve("jvm");
        Path old = fakeJdk(jdks.resolve("openjdk-17"), "17");
        fakeJdk(jdks.resolve("java-8"), "1.8");
        Files.createDirectories(jdks.resolve("jre-21-without-javac").resolve("bin"));

        Result none = run(Map.of("PATH", old.resolve("bin") + ":/usr/bin:/bin", "STOA_JDK_DIRS", jdks.toString()));

        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.stdout()).isEmpty();
        assertThat(none.stderr()).contains("Stoa needs a JDK 21 or newer; this machine has java 17 at " + old.resolve("bin/java"))
                .contains("Install one");
    }

    /** A folder that looks like a JDK whose {@code java} reports {@code version} and echoes what else it is asked. */
    private static Path fakeJdk(Path home, String version) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        String major = version.startsWith("1.") ? version.substring(2) : version;
        executable(bin.resolve("java"), """
                #!/bin/sh
                if [ "$1" = "-XshowSettings:properties" ]; then
                    echo "    java.specification.version = %s" >&2
                    exit 0
                fi
                echo "java %s ran: $*"
                """.formatted(version, major));
        executable(bin.resolve("javac"), "#!/bin/sh\n");
        return home;
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = SCRIPT.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JAVA_HOME");
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("HOME", machine.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), stdout, stderr);
    }
}
