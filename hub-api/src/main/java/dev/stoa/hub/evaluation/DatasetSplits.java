package dev.stoa.hub.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoa.hub.error.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a dataset repository's splits the way the Hub's {@code datasets} library does: from the card's
 * {@code configs} ({@code data_files} with split names and glob patterns) when it has them, otherwise from the files'
 * names and folders ({@code test.jsonl}, {@code data/test-00000-of-00001.parquet}, {@code dev/part-0.csv}), and when
 * no name says a split, every data file is {@code train}. Data files are Parquet, JSON Lines, JSON and CSV.
 */
public final class DatasetSplits {

    private static final List<String> EXTENSIONS = List.of(".parquet", ".jsonl", ".json", ".csv");
    /** The split names the {@code datasets} library recognises in file and folder names, with their synonyms. */
    private static final Map<String, List<String>> KEYWORDS = Map.of(
            "train", List.of("train", "training"),
            "validation", List.of("validation", "valid", "dev", "val"),
            "test", List.of("test", "testing", "eval", "evaluation"));
    private static final String SEPARATOR = "[-._ 0-9/]";

    private DatasetSplits() {
    }

    /**
     * The data files of each split.
     *
     * @param files       every file of the repository at the revision, as paths
     * @param cardConfigs the card metadata's {@code configs}, when it has one
     * @param config      the configuration asked for (a task's {@code dataset_name}); empty: the default one
     */
    public static Map<String, List<String>> of(List<String> files, Optional<JsonNode> cardConfigs, Optional<String> config) {
        List<String> data = files.stream().filter(DatasetSplits::isData).sorted().toList();
        if (cardConfigs.isPresent() && cardConfigs.get().isArray() && !cardConfigs.get().isEmpty()) {
            return fromCard(data, cardConfigs.get(), config);
        }
        if (config.isPresent() && !config.get().equals("default")) {
            throw ApiException.invalidField("dataset_name", "The dataset has no configs in its card, so it has no"
                    + " configuration '" + config.get() + "'; leave dataset_name out.");
        }
        Map<String, List<String>> splits = new LinkedHashMap<>();
        for (String file : data) {
            splitNamed(file).ifPresent(split -> splits.computeIfAbsent(split, s -> new ArrayList<>()).add(file));
        }
        if (splits.isEmpty() && !data.isEmpty()) {
            splits.put("train", data);
        }
        return splits;
    }

    /** The split a path names in its file or folder names, if any (the first of train, validation, test it names). */
    static Optional<String> splitNamed(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String stem = dot > name.lastIndexOf('/') ? name.substring(0, dot) : name;
        for (String split : List.of("train", "validation", "test")) {
            for (String keyword : KEYWORDS.get(split)) {
                if (Pattern.compile("(^|" + SEPARATOR + ")" + keyword + "(" + SEPARATOR + "|$)").matcher(stem).find()) {
                    return Optional.of(split);
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> fromCard(List<String> data, JsonNode configs, Optional<String> wanted) {
        JsonNode chosen = null;
        for (JsonNode c : configs) {
            String name = c.path("config_name").asText("default");
            if (wanted.map(name::equals).orElse(c.path("default").asBoolean(false) || name.equals("default"))) {
                chosen = c;
                break;
            }
        }
        if (chosen == null && wanted.isEmpty()) {
            chosen = configs.get(0);
        }
        if (chosen == null) {
            List<String> names = new ArrayList<>();
            configs.forEach(c -> names.add(c.path("config_name").asText("default")));
            throw ApiException.invalidField("dataset_name", "The dataset has no configuration '" + wanted.get()
                    + "'; its card lists " + String.join(", ", names) + ".");
        }
        Map<String, List<String>> splits = new LinkedHashMap<>();
        JsonNode dataFiles = chosen.path("data_files");
        if (dataFiles.isTextual() || dataFiles.isArray() && !dataFiles.isEmpty() && dataFiles.get(0).isTextual()) {
            splits.put("train", matching(data, patterns(dataFiles)));
        } else if (dataFiles.isArray()) {
            for (JsonNode entry : dataFiles) {
                splits.put(entry.path("split").asText("train"), matching(data, patterns(entry.path("path"))));
            }
        } else {
            // A config without data_files (only other options): the names of the files decide.
            return of(data, Optional.empty(), Optional.empty());
        }
        return splits;
    }

    private static List<String> patterns(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else {
            node.forEach(p -> out.add(p.asText()));
        }
        return out;
    }

    private static List<String> matching(List<String> files, List<String> patterns) {
        List<Pattern> globs = patterns.stream().map(DatasetSplits::glob).toList();
        return files.stream().filter(f -> globs.stream().anyMatch(g -> g.matcher(f).matches())).toList();
    }

    /** A glob as {@code datasets} writes them: {@code *} within a folder, {@code **} across folders. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                    regex.append("/?");
                    i++;
                }
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static boolean isData(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(lower::endsWith) && !lower.startsWith(".");
    }
}
