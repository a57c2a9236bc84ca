package dev.stoa.plugins.cpurunner;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;
import dev.stoa.spi.inference.ChatMessage;
import dev.stoa.spi.inference.Completion;
import dev.stoa.spi.inference.Completion.Candidate;
import dev.stoa.spi.inference.Completion.FinishReason;
import dev.stoa.spi.inference.Completion.Token;
import dev.stoa.spi.inference.CompletionRequest;
import dev.stoa.spi.inference.LocalEngine;
import dev.stoa.spi.inference.Prompt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Completions on Jlama models: one model per served name (the base under {@code ""}, each adapter merged into its own
 * copy). Log-probabilities are computed here in double precision from Jlama's raw logits, for every prompt position
 * when asked ({@code echo}), which Jlama's own generate loop does not offer.
 *
 * <p>Each request has its own key/value cache; forward steps of one model take turns under a fair lock, so
 * concurrent requests interleave token by token instead of one waiting for another to finish.
 */
final class JlamaEngine implements LocalEngine {

    private static final int PROMPT_CHUNK = 64;

    private final Map<String, Served> models;

    private final Optional<ChatTemplate> chatTemplate;

    private record Served(AbstractModel model, TokenBytes tokens, ReentrantLock lock) {
    }

    private JlamaEngine(Map<String, Served> models, Optional<ChatTemplate> chatTemplate) {
        this.models = models;
        this.chatTemplate = chatTemplate;
    }

    static JlamaEngine load(Map<String, Path> folders) throws IOException {
        Map<String, Served> models = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Path> e : folders.entrySet()) {
                AbstractModel model = ModelSupport.loadModel(e.getValue().toFile(), DType.F32, DType.F32);
                models.put(e.getKey(), new Served(model,
                        TokenBytes.read(e.getValue(), model.getConfig().vocabularySize), new ReentrantLock(true)));
            }
        } catch (RuntimeException | IOException e) {
            models.values().forEach(s -> s.model().close());
            throw e;
        }
        return new JlamaEngine(models, ChatTemplate.read(folders.get("")));
    }

    private AbstractModel base() {
        return models.get("").model();
    }

    @Override
    public List<Integer> encode(String text) {
        return Arrays.stream(base().getTokenizer().encode(text)).mapToObj(id -> (int) id).toList();
    }

    @Override
    public int contextLength() {
        return base().getConfig().contextLength;
    }

    @Override
    public String chatPrompt(List<ChatMessage> messages) {
        return chatTemplate.orElseThrow(() -> new IllegalArgumentException("this model has no chat template in its"
                + " tokenizer_config.json; use /v1/completions with a prompt")).render(messages);
    }

    @Override
    public Completion complete(CompletionRequest request, TextListener listener) {
        Served served = models.get(request.adapter());
        if (served == null) {
            throw new IllegalArgumentException("this deployment serves no adapter named '" + request.adapter() + "'");
        }
        AbstractModel model = served.model();
        int vocabulary = model.getConfig().vocabularySize;
        List<Integer> ids = promptIds(model, request.prompt());
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("the prompt is empty");
        }
        for (int id : ids) {
            if (id < 0 || id >= vocabulary) {
                throw new IllegalArgumentException("token id " + id + " is outside the model's vocabulary of " + vocabulary);
            }
        }
        int context = model.getConfig().contextLength;
        if (ids.size() >= context) {
            throw new IllegalArgumentException("the prompt has " + ids.size() + " tokens; this model's context holds "
                    + context);
        }
        int maxTokens = Math.min(request.maxTokens(), context - ids.size());
        boolean wantLogprobs = request.logprobs() >= 0;
        Sampler sampler = new Sampler(request.temperature(), request.topP(),
                request.seed().isPresent() ? new Random(request.seed().getAsLong()) : new Random());
        List<Token> promptTokens = new ArrayList<>();
        List<Token> generated = new ArrayList<>();
        StopStrings stops = new StopStrings(request.stop());
        TokenBytes.Utf8Stream utf8 = new TokenBytes.Utf8Stream();
        FinishReason finish = FinishReason.LENGTH;
        KvBufferCache cache = new KvBufferCache(model);
        try (KvBufferCache.KvBuffer kv = cache.getEphemeralKvBuffer();
                AbstractTensor logits = model.makeDenseTensor(vocabulary)) {
            double[] next = null;
            for (int start = 0; start < ids.size(); start += PROMPT_CHUNK) {
                int[] chunk = ids.subList(start, Math.min(ids.size(), start + PROMPT_CHUNK)).stream()
                        .mapToInt(Integer::intValue).toArray();
                served.lock().lock();
                try (AbstractTensor out = model.batchForward(chunk, start, kv)) {
                    for (int j = 0; j < chunk.length; j++) {
                        int position = start + j;
                        if (request.echo()) {
                            promptTokens.add(token(served.tokens(), ids.get(position), wantLogprobs && position > 0 ? next : null,
                                    request.logprobs()));
                        }
                        if ((request.echo() && wantLogprobs) || position == ids.size() - 1) {
                            next = logprobs(model, out.slice(j), logits);
                        }
                    }
                } finally {
                    served.lock().unlock();
                }
            }
            int position = ids.size();
            for (int step = 0; step < maxTokens; step++) {
                int id = sampler.next(next);
                if (model.getConfig().eosTokens.contains(id)) {
                    finish = FinishReason.STOP;
                    break;
                }
                Token token = token(served.tokens(), id, wantLogprobs ? next : null, request.logprobs());
                generated.add(token);
                String released = stops.add(utf8.add(served.tokens().of(id)));
                if (!released.isEmpty()) {
                    listener.onText(released);
                }
                if (stops.stopped()) {
                    finish = FinishReason.STOP;
                    break;
                }
                if (step + 1 == maxTokens) {
                    break;
                }
                served.lock().lock();
                try (AbstractTensor out = model.forward(id, position++, kv, Optional.empty())) {
                    next = logprobs(model, out, logits);
                } finally {
                    served.lock().unlock();
                }
            }
            String rest = stops.add(utf8.finish()) + stops.flush();
            if (!rest.isEmpty()) {
                listener.onText(rest);
            }
        }
        return new Completion(stops.text(), promptTokens, generated, ids.size(), finish);
    }

    private List<Integer> promptIds(AbstractModel model, Prompt prompt) {
        return switch (prompt) {
            case Prompt.Tokens t -> t.ids();
            case Prompt.Text t -> {
                List<Integer> ids = new ArrayList<>(encode(t.text()));
                int bos = model.getConfig().bosToken;
                if (t.addSpecialTokens() && (ids.isEmpty() || ids.get(0) != bos)) {
                    ids.add(0, bos);
                }
                yield ids;
            }
        };
    }

    /** Log-softmax, in double precision, of the logits after {@code hidden}. */
    private static double[] logprobs(AbstractModel model, AbstractTensor hidden, AbstractTensor logits) {
        // At temperature 0 Jlama's sample() stops after writing the raw logits, which is all that is wanted here.
        model.sample(hidden, 0f, 0f, logits);
        int n = model.getConfig().vocabularySize;
        double[] out = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            out[i] = logits.get(0, i);
            max = Math.max(max, out[i]);
        }
        double sum = 0;
        for (double v : out) {
            sum += Math.exp(v - max);
        }
        double log = max + Math.log(sum);
        for (int i = 0; i < n; i++) {
            out[i] -= log;
        }
        return out;
    }

    private static Token token(TokenBytes tokens, int id, double[] logprobs, int top) {
        String text = tokens.text(id);
        if (logprobs == null) {
            return new Token(id, text, OptionalDouble.empty(), List.of());
        }
        List<Candidate> candidates = new ArrayList<>(top);
        for (int i : mostLikely(logprobs, top)) {
            candidates.add(new Candidate(i, tokens.text(i), logprobs[i]));
        }
        return new Token(id, text, OptionalDouble.of(logprobs[id]), candidates);
    }

    /**
     * The {@code k} most likely ids, most likely first (ties to the lower id), in one pass over the vocabulary:
     * asked at every prompt position with {@code echo}, where sorting a vocabulary of 100,000 each time would cost more
     * than the forward pass.
     */
    static int[] mostLikely(double[] logprobs, int k) {
        int[] best = new int[Math.min(Math.max(k, 0), logprobs.length)];
        if (best.length == 0) {
            return best;
        }
        int size = 0;
        for (int i = 0; i < logprobs.length; i++) {
            if (size < best.length || logprobs[i] > logprobs[best[size - 1]]) {
                int at = size < best.length ? size++ : size - 1;
                while (at > 0 && logprobs[best[at - 1]] < logprobs[i]) {
                    best[at] = best[at - 1];
                    at--;
                }
                best[at] = i;
            }
        }
        return best;
    }

    void close() {
        models.values().forEach(s -> s.model().close());
    }
}
