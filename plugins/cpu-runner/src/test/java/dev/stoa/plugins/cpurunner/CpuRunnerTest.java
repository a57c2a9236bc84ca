package dev.stoa.plugins.cpurunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.spi.InferenceRunner;
import dev.stoa.spi.inference.Admission;
import dev.stoa.spi.inference.AdapterRef;
import dev.stoa.spi.inference.Completion;
import dev.stoa.spi.inference.CompletionRequest;
import dev.stoa.spi.inference.Deployment;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.EngineSession;
import dev.stoa.spi.inference.InferenceSession;
import dev.stoa.spi.inference.LocalEngine;
import dev.stoa.spi.inference.ModelFacts;
import dev.stoa.spi.inference.ModelRef;
import dev.stoa.spi.inference.Prompt;
import dev.stoa.spi.inference.Resources;
import dev.stoa.spi.testkit.PluginTestKit;
import dev.stoa.spi.testkit.ReferenceForward;
import dev.stoa.spi.testkit.RunnerHarness;
import dev.stoa.spi.testkit.TinyModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuRunnerTest {

    private static final ModelRef BASE = RunnerHarness.ref("acme/tiny");
    private static final ModelRef ADAPTER = RunnerHarness.ref("acme/tiny-lora");
    private static final List<Integer> TOKENS = List.of(1, 356, 259, 290, 260, 339, 7, 301, 45, 363, 300, 2, 120);

    @TempDir
    Path dir;

    private final InferenceRunner runner = PluginTestKit.of(new CpuRunnerPlugin()).inferenceRunner(CpuRunner.NAME, Map.of());

    @Test
    void passesTheRunnerConformanceCheck() throws Exception {
        Path base = TinyModel.llama(1).writeTo(dir.resolve("base"));
        RunnerHarness.checkConformance(runner, DeploymentSpec.of(BASE), Map.of(BASE, base), dir.resolve("work"));
    }

    @ParameterizedTest
    @CsvSource({"llama, F32", "mistral, F32", "qwen2, F32", "llama, F16", "llama, BF16"})
    void logprobsOfGivenTokensEqualADoublePrecisionReference(String family, String dtype) throws Exception {
        TinyModel model = TinyModel.of(family, dtype, 11);
        try (Deployment deployment = deploy(DeploymentSpec.of(BASE), Map.of(BASE, model.writeTo(dir.resolve("base"))))) {
            Completion scored = score((LocalEngine) deployment.engine(), "", TOKENS);
            assertMatches(scored, new ReferenceForward(model).logprobs(TOKENS));
        }
    }

    @Test
    void anAdapterWithZeroBGivesTheBaseNumbersExactlyAndARandomOneTheMergedReference() throws Exception {
        TinyModel model = TinyModel.llama(5);
        TinyModel.Adapter zero = model.lora(6, 4, 8, true, "q_proj", "v_proj");
        TinyModel.Adapter random = model.lora(7, 4, 8, false, "q_proj", "k_proj", "v_proj", "o_proj", "gate_proj",
                "up_proj", "down_proj");
        ModelRef zeroRef = RunnerHarness.ref("acme/zero-lora");
        DeploymentSpec spec = new DeploymentSpec(BASE, List.of(new AdapterRef("acme/zero-lora", zeroRef),
                new AdapterRef("acme/tiny-lora", ADAPTER)), null, null, null);
        try (Deployment deployment = deploy(spec, Map.of(BASE, model.writeTo(dir.resolve("base")),
                zeroRef, zero.writeTo(dir.resolve("zero"), "acme/tiny"),
                ADAPTER, random.writeTo(dir.resolve("lora"), "acme/tiny")))) {
            LocalEngine engine = (LocalEngine) deployment.engine();
            Completion base = score(engine, "", TOKENS);
            Completion unchanged = score(engine, "acme/zero-lora", TOKENS);
            for (int i = 1; i < TOKENS.size(); i++) {
                assertThat(unchanged.promptTokens().get(i).logprob()).isEqualTo(base.promptTokens().get(i).logprob());
            }
            Completion adapted = score(engine, "acme/tiny-lora", TOKENS);
            assertMatches(adapted, new ReferenceForward(model, random).logprobs(TOKENS));
            assertThat(adapted.promptTokens().get(3).logprob()).isNotEqualTo(base.promptTokens().get(3).logprob());
        }
    }

    @Test
    void greedyIsDeterministicStreamingMatchesAndSeedsRepeat() throws Exception {
        try (Deployment deployment = deploy(DeploymentSpec.of(BASE), Map.of(BASE, TinyModel.llama(3).writeTo(dir.resolve("b"))))) {
            LocalEngine engine = (LocalEngine) deployment.engine();
            CompletionRequest greedy = CompletionRequest.greedy("the cat and", 12);
            StringBuilder streamed = new StringBuilder();
            Completion first = engine.complete(greedy, streamed::append);
            assertThat(first.text()).isNotEmpty().isEqualTo(streamed.toString());
            assertThat(engine.complete(greedy, LocalEngine.TextListener.NONE).text()).isEqualTo(first.text());

            CompletionRequest sampled = new CompletionRequest("", new Prompt.Text("the", true), 12, 1.0, 0.9,
                    OptionalLong.of(42), List.of(), -1, false);
            assertThat(engine.complete(sampled, LocalEngine.TextListener.NONE).text())
                    .isEqualTo(engine.complete(sampled, LocalEngine.TextListener.NONE).text());

            // Greedy tokens are the reference's argmax at every step.
            ReferenceForward reference = new ReferenceForward(TinyModel.llama(3));
            List<Integer> ids = new ArrayList<>(List.of(1));
            ids.addAll(engine.encode("the cat and"));
            for (Completion.Token t : first.tokens()) {
                double[] last = reference.logprobs(ids)[ids.size() - 1];
                int best = 0;
                for (int i = 1; i < last.length; i++) {
                    best = last[i] > last[best] ? i : best;
                }
                assertThat(t.id()).isEqualTo(best);
                ids.add(t.id());
            }
        }
    }

    @Test
    void stopStringsEndTheCompletionAndAreNeverStreamed() throws Exception {
        try (Deployment deployment = deploy(DeploymentSpec.of(BASE), Map.of(BASE, TinyModel.llama(3).writeTo(dir.resolve("b"))))) {
            LocalEngine engine = (LocalEngine) deployment.engine();
            String full = engine.complete(CompletionRequest.greedy("the cat and", 12), LocalEngine.TextListener.NONE).text();
            String stop = full.substring(3, 5);
            StringBuilder streamed = new StringBuilder();
            Completion stopped = engine.complete(new CompletionRequest("", new Prompt.Text("the cat and", true), 12, 0, 1,
                    OptionalLong.empty(), List.of(stop), -1, false), streamed::append);
            assertThat(stopped.text()).isEqualTo(full.substring(0, full.indexOf(stop)));
            assertThat(streamed.toString()).isEqualTo(stopped.text());
            assertThat(stopped.finishReason()).isEqualTo(Completion.FinishReason.STOP);
        }
    }

    @Test
    void concurrentRequestsAllAnswerAsAloneAndBadPromptsAreRefused() throws Exception {
        try (Deployment deployment = deploy(DeploymentSpec.of(BASE), Map.of(BASE, TinyModel.llama(3).writeTo(dir.resolve("b"))))) {
            LocalEngine engine = (LocalEngine) deployment.engine();
            List<String> prompts = List.of("the", "and", "a cat", "on the", "in", "she", "the end", "and so");
            List<String> alone = new ArrayList<>();
            for (String p : prompts) {
                alone.add(engine.complete(CompletionRequest.greedy(p, 8), LocalEngine.TextListener.NONE).text());
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> together = new ArrayList<>();
                for (String p : prompts) {
                    together.add(pool.submit(() -> engine.complete(CompletionRequest.greedy(p, 8),
                            LocalEngine.TextListener.NONE).text()));
                }
                for (int i = 0; i < prompts.size(); i++) {
                    assertThat(together.get(i).get()).isEqualTo(alone.get(i));
                }
            } finally {
                pool.shutdown();
            }
            assertThatThrownBy(() -> score(engine, "", List.of(1, 100000)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the model's vocabulary");
            assertThatThrownBy(() -> score(engine, "acme/other", TOKENS))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no adapter named 'acme/other'");
            assertThat(engine.chatPrompt(List.of(new dev.stoa.spi.inference.ChatMessage("user", "hi"))))
                    .isEqualTo("<s><|user|>hi</s><|assistant|>");
        }
    }

    @Test
    void theMostLikelyTokensAreThoseASortWouldPick() {
        java.util.Random random = new java.util.Random(3);
        double[] logprobs = new double[5000];
        for (int i = 0; i < logprobs.length; i++) {
            logprobs[i] = Math.floor(random.nextGaussian() * 40) / 10; // rounded, so that ties occur
        }
        for (int k : new int[] {0, 1, 5, 20}) {
            int[] expected = java.util.stream.IntStream.range(0, logprobs.length).boxed()
                    .sorted(java.util.Comparator.comparingDouble((Integer i) -> -logprobs[i]).thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(JlamaEngine.mostLikely(logprobs, k)).as("k = %d", k).containsExactly(expected);
        }
    }

    @Test
    void admissionGivesEveryReason() throws Exception {
        TinyModel model = TinyModel.llama(1);
        Path base = model.writeTo(dir.resolve("base"));
        ModelFacts facts = RunnerHarness.facts(BASE, base);
        ModelFacts adapter = new ModelFacts(ADAPTER, "", "", java.util.Set.of("F32"), 10, 40, Map.of(), List.of(),
                java.util.Optional.of(new ModelFacts.AdapterFacts("acme/other-base", 512, 16, List.of("q_proj", "conv1d"),
                        List.of("lm_head"), List.of("base_model.model.model.embed_tokens.weight"))));
        DeploymentSpec spec = new DeploymentSpec(BASE, List.of(new AdapterRef("acme/tiny-lora", ADAPTER)), null,
                new Resources(0, 0, 2, "nvidia.com/gpu", Map.of()), null);
        Admission admission = runner.admit(spec, facts, List.of(adapter));
        assertThat(admission.refusals()).extracting(Admission.Refusal::reason).containsExactlyInAnyOrder(
                Admission.Reason.RESOURCES, Admission.Reason.ADAPTER_RANK, Admission.Reason.TARGET_MODULES,
                Admission.Reason.ADAPTER_WEIGHTS, Admission.Reason.ADAPTER_BASE);
        assertThat(admission.summary()).contains("rank 512, above this runner's maximum of 256", "conv1d",
                "trained on acme/other-base, not on acme/tiny", "has no GPUs");

        ModelFacts quantized = new ModelFacts(BASE, "GPTNeoXForCausalLM", "gpt_neox", java.util.Set.of("I8"),
                3_000_000_000L, 1, Map.of("hidden_size", 100, "num_attention_heads", 4), List.of(), null);
        assertThat(runner.admit(DeploymentSpec.of(BASE), quantized, List.of()).refusals())
                .extracting(Admission.Refusal::reason).containsExactlyInAnyOrder(Admission.Reason.ARCHITECTURE,
                        Admission.Reason.DTYPE, Admission.Reason.SIZE, Admission.Reason.ARCHITECTURE);
        assertThat(runner.admit(DeploymentSpec.of(BASE), facts, List.of()).accepted()).isTrue();
    }

    @Test
    void anEvaluatorsSessionScoresContinuationsAsTheReference() throws Exception {
        TinyModel model = TinyModel.llama(5);
        try (Deployment deployment = deploy(DeploymentSpec.of(BASE), Map.of(BASE, model.writeTo(dir.resolve("base"))))) {
            InferenceSession session = new EngineSession((LocalEngine) deployment.engine(), "acme/tiny", "",
                    Map.of("runner", "cpu"));
            ReferenceForward reference = new ReferenceForward(model);
            // "Q: 3+4=" then " 7": the continuation is the whole text's last two tokens (the reference tokenizer's).
            List<Integer> whole = new ArrayList<>(List.of(model.bosId()));
            whole.addAll(model.encode("Q: 3+4= 7"));
            assertThat(whole.subList(whole.size() - 2, whole.size())).isEqualTo(model.encode(" 7").subList(1, 3));
            double expected = reference.continuationLogprob(whole, 2);
            double[][] logprobs = reference.logprobs(whole);
            int n = whole.size();
            boolean greedy = ReferenceForward.argmax(logprobs[n - 3]) == whole.get(n - 2)
                    && ReferenceForward.argmax(logprobs[n - 2]) == whole.get(n - 1);

            // A space ending the context moves to the continuation: both spellings score the same two tokens.
            for (InferenceSession.LogLikelihood scored : List.of(session.logLikelihood("Q: 3+4=", " 7"),
                    session.logLikelihood("Q: 3+4= ", "7"))) {
                assertThat(scored.tokens()).isEqualTo(2);
                assertThat(scored.logprob()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4 * Math.abs(expected)));
                assertThat(scored.greedy()).isEqualTo(greedy);
            }
            double rolling = reference.continuationLogprob(whole, n - 1);
            InferenceSession.LogLikelihood all = session.rollingLogLikelihood("Q: 3+4= 7");
            assertThat(all.tokens()).isEqualTo(n - 1);
            assertThat(all.logprob()).isCloseTo(rolling, org.assertj.core.data.Offset.offset(1e-4 * Math.abs(rolling)));

            // The test kit's reference tokenizer is the runner's, merges and byte fallback included.
            for (String text : List.of("the cat and the hat", "Q: 3+4= 7", "naïve — 東京")) {
                assertThat(((LocalEngine) deployment.engine()).encode(text)).as(text).isEqualTo(model.encode(text));
                assertThat(model.decode(model.encode(text))).isEqualTo(" " + text);
            }
            // Greedy generation is the reference's argmax, token by token.
            assertThat(session.generate("Q: 3+4= 7", List.of(), 4)).isEqualTo(model.decode(reference.greedy(whole, 4)));
        }
    }

    private Deployment deploy(DeploymentSpec spec, Map<ModelRef, Path> models) throws Exception {
        List<ModelFacts> adapters = new ArrayList<>();
        for (AdapterRef a : spec.adapters()) {
            adapters.add(RunnerHarness.facts(a.model(), models.get(a.model())));
        }
        Admission admission = runner.admit(spec, RunnerHarness.facts(spec.base(), models.get(spec.base())), adapters);
        assertThat(admission.refusals()).isEmpty();
        return runner.deploy(spec, new RunnerHarness.FolderContext(models, dir.resolve("work-" + System.nanoTime())));
    }

    private static Completion score(LocalEngine engine, String adapter, List<Integer> tokens) throws Exception {
        return engine.complete(new CompletionRequest(adapter, new Prompt.Tokens(tokens), 0, 0, 1, OptionalLong.empty(),
                List.of(), 2, true), LocalEngine.TextListener.NONE);
    }

    private static void assertMatches(Completion scored, double[][] reference) {
        assertThat(scored.promptTokens()).hasSize(TOKENS.size());
        assertThat(scored.promptTokens().get(0).logprob()).isEmpty();
        for (int i = 1; i < TOKENS.size(); i++) {
            double expected = reference[i - 1][TOKENS.get(i)];
            double actual = scored.promptTokens().get(i).logprob().orElseThrow();
            assertThat(Math.abs(actual - expected) / Math.abs(expected))
                    .as("log-probability of token %d at position %d: %s vs reference %s", TOKENS.get(i), i, actual, expected)
                    .isLessThan(1e-4);
        }
    }
}
