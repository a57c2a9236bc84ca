package dev.stoa.hub.web.repo;

import dev.stoa.hub.repo.RepoMetadata;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.ui.repo.Snippet;

import java.util.ArrayList;
import java.util.List;

/** The "use this model" samples, the likeliest first (it is shown open): the Hugging Face clients and git, pointed at this Stoa through {@code HF_ENDPOINT}. */
final class UseSnippets {

    private UseSnippets() {
    }

    static List<Snippet> of(String baseUrl, RepoView repo, RepoMetadata metadata) {
        String id = repo.repoId().id();
        String endpoint = "export HF_ENDPOINT=" + baseUrl + "\nexport HF_HUB_DISABLE_XET=1\n";
        List<Snippet> snippets = new ArrayList<>();
        boolean dataset = repo.type() == dev.stoa.hub.repo.RepoType.dataset;
        if (dataset) {
            snippets.add(new Snippet("use-datasets", "datasets", "python", endpoint + "\n# python\nfrom datasets import load_dataset\n\n"
                    + "ds = load_dataset(\"" + id + "\")"));
        }
        if (!dataset) {
            String kind = metadata == null ? RepoMetadata.BASE : metadata.kind();
            if ("adapter".equals(kind) || (metadata != null && "peft".equals(metadata.libraryName()))) {
                String base = metadata != null && !metadata.baseModels().isEmpty() ? metadata.baseModels().getFirst().id() : "<base model>";
                snippets.add(new Snippet("use-peft", "peft", "python", endpoint + "\n# python\nfrom peft import PeftModel\n"
                        + "from transformers import AutoModelForCausalLM\n\n"
                        + "base = AutoModelForCausalLM.from_pretrained(\"" + base + "\")\n"
                        + "model = PeftModel.from_pretrained(base, \"" + id + "\")"));
            } else {
                String pipeline = metadata == null ? null : metadata.pipelineTag();
                String code = pipeline != null
                        ? "from transformers import pipeline\n\npipe = pipeline(\"" + pipeline + "\", model=\"" + id + "\")"
                        : "from transformers import AutoModel, AutoTokenizer\n\ntokenizer = AutoTokenizer.from_pretrained(\"" + id + "\")\n"
                        + "model = AutoModel.from_pretrained(\"" + id + "\")";
                snippets.add(new Snippet("use-transformers", "transformers", "python", endpoint + "\n# python\n" + code));
            }
        }
        snippets.add(new Snippet("use-hub", "huggingface_hub", "python", endpoint + "\n# python\nfrom huggingface_hub import snapshot_download\n\n"
                + "path = snapshot_download(\"" + id + "\"" + (dataset ? ", repo_type=\"dataset\"" : "") + ")"));
        snippets.add(new Snippet("use-git", "git clone", "shell", "git lfs install\ngit clone " + baseUrl + "/" + repo.repoId().urlPath()
                + "\n# private or gated: use your user name and an access token as the password"));
        snippets.add(new Snippet("use-cli", "hf CLI", "shell", endpoint + "hf download " + id + (dataset ? " --repo-type dataset" : "")));
        return snippets;
    }
}
