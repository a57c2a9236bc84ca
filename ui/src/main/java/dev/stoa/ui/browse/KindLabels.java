package dev.stoa.ui.browse;

/** How the kinds of the model tree read on a page. */
public final class KindLabels {

    private KindLabels() {
    }

    public static String of(String kind) {
        if (kind == null) {
            return "Base model";
        }
        return switch (kind) {
            case "base" -> "Base model";
            case "adapter" -> "Adapter";
            case "merge" -> "Merge";
            case "quantized" -> "Quantized";
            case "finetune" -> "Fine-tune";
            default -> kind;
        };
    }
}
