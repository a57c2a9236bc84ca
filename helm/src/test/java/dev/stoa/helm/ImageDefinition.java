package dev.stoa.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The repository's Dockerfile, read as the instructions an image build would follow. */
record ImageDefinition(String from, List<Copy> copies, String user, int exposedPort, List<String> entrypoint) {

    /** One {@code COPY}: sources relative to the build context, and where they land in the image. */
    record Copy(List<String> sources, String destination) {
    }

    static final Path DOCKERFILE = Chart.REPO_ROOT.resolve("Dockerfile");

    static ImageDefinition read() {
        String from = null;
        String user = null;
        int port = -1;
        List<String> entrypoint = List.of();
        List<Copy> copies = new ArrayList<>();
        for (String instruction : instructions()) {
            String[] words = instruction.split("\\s+");
            String[] args = Arrays.copyOfRange(words, 1, words.length);
            switch (words[0].toUpperCase()) {
                case "FROM" -> from = args[0];
                case "USER" -> user = args[0];
                case "EXPOSE" -> port = Integer.parseInt(args[0]);
                case "ENTRYPOINT" -> entrypoint = Arrays.stream(instruction.substring("ENTRYPOINT".length()).trim()
                                .replaceAll("^\\[|]$", "").split(","))
                        .map(s -> s.trim().replaceAll("^\"|\"$", "")).toList();
                case "COPY" -> {
                    List<String> paths = Stream.of(args).filter(a -> !a.startsWith("--")).toList();
                    copies.add(new Copy(paths.subList(0, paths.size() - 1), paths.getLast()));
                }
                default -> {
                }
            }
        }
        return new ImageDefinition(from, copies, user, port, entrypoint);
    }

    /**
     * Lays out what the COPY instructions put into an image under {@code root}, the way the build would
     * (a folder's contents into the destination folder, a file to the destination path).
     */
    Path assemble(Path root) throws IOException {
        for (Copy copy : copies) {
            for (String source : copy.sources()) {
                Path from = Chart.REPO_ROOT.resolve(source);
                Path to = root.resolve(copy.destination().substring(1));
                if (Files.isDirectory(from)) {
                    Chart.copyTree(from, to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(from, to);
                }
            }
        }
        return root;
    }

    private static List<String> instructions() {
        try {
            List<String> instructions = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : Files.readAllLines(DOCKERFILE)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                    continue;
                }
                boolean continues = trimmed.endsWith("\\");
                current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
                if (!continues) {
                    instructions.add(current.toString().strip());
                    current.setLength(0);
                }
            }
            return instructions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
