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
        if (!dataset && !repo.isPrivate()) {
            snippets.addAll(inference(baseUrl, id));
        }
        return snippets;
    }

    /** Calling the model through Stoa's OpenAI-compatible gateway, which serves public models on demand. */
    private static List<Snippet> inference(String baseUrl, String id) {
        String messages = "[{\"role\": \"user\", \"content\": \"Hello!\"}]";
        return List.of(
                new Snippet("use-openai", "OpenAI client", "python", "# python\nfrom openai import OpenAI\n\n"
                        + "client = OpenAI(base_url=\"" + baseUrl + "/v1\", api_key=\"<your Stoa token>\")\n"
                        + "reply = client.chat.completions.create(model=\"" + id + "\", messages=" + messages + ")\n"
                        + "print(reply.choices[0].message.content)"),
                new Snippet("use-inference-client", "InferenceClient", "python", "# python\n"
                        + "from huggingface_hub import InferenceClient\n\n"
                        + "client = InferenceClient(base_url=\"" + baseUrl + "/v1\", api_key=\"<your Stoa token>\")\n"
                        + "client.chat_completion(model=\"" + id + "\", messages=" + messages + ")"),
                new Snippet("use-curl", "curl", "shell", "curl " + baseUrl + "/v1/chat/completions \\\n"
                        + "  -H \"Authorization: Bearer $STOA_TOKEN\" -H 'Content-Type: application/json' \\\n"
                        + "  -d '{\"model\": \"" + id + "\", \"messages\": " + messages + "}'"),
                new Snippet("use-lm-eval", "lm-evaluation-harness", "shell", "export HF_ENDPOINT=" + baseUrl + "\n"
                        + "lm_eval --model local-completions --tasks lambada_openai \\\n"
                        + "  --model_args model=" + id + ",tokenizer=" + id + ",base_url=" + baseUrl
                        + "/v1/completions,tokenized_requests=True"));
    }
}
