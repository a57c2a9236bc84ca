package dev.stoa.spi.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent forward pass of a {@link TinyModel} in double precision, written from the Llama paper and the
 * Hugging Face modelling code's definitions (RMSNorm, rotary embeddings with halves rotated, grouped-query
 * attention, SwiGLU), sharing no code with any runner: what a runner's (or an evaluator's) numbers are checked
 * against. Slow and simple on purpose.
 */
public final class ReferenceForward {

    private final TinyModel model;
    private final Map<String, double[][]> linear = new HashMap<>();

    /** The reference of the model alone. */
    public ReferenceForward(TinyModel model) {
        this(model, null);
    }

    /** The model with a LoRA adapter merged: {@code W + (alpha / r) · B · A}. */
    public ReferenceForward(TinyModel model, TinyModel.Adapter adapter) {
        this.model = model;
        model.tensors().forEach((name, t) -> {
            if (t.shape().length == 2) {
                double[][] w = new double[t.shape()[0]][t.shape()[1]];
                for (int r = 0; r < w.length; r++) {
                    for (int c = 0; c < w[r].length; c++) {
                        w[r][c] = t.at(r, c);
                    }
                }
                linear.put(name, w);
            }
        });
        if (adapter != null) {
            double scale = adapter.alpha() / adapter.rank();
            adapter.factors().forEach((name, a) -> {
                if (!name.endsWith(".lora_A.weight")) {
                    return;
                }
                TinyModel.Tensor b = adapter.factors().get(name.replace("lora_A", "lora_B"));
                double[][] w = linear.get(name.replace("base_model.model.", "").replace(".lora_A.weight", ".weight"));
                for (int r = 0; r < w.length; r++) {
                    for (int c = 0; c < w[r].length; c++) {
                        double d = 0;
                        for (int k = 0; k < adapter.rank(); k++) {
                            d += b.at(r, k) * a.at(k, c);
                        }
                        w[r][c] += scale * d;
                    }
                }
            });
        }
    }

    /**
     * The summed log-probability of the last {@code count} of {@code tokens}, each given all before it (how
     * lm-evaluation-harness scores a continuation after its context).
     */
    public double continuationLogprob(List<Integer> tokens, int count) {
        double[][] logprobs = logprobs(tokens);
        double sum = 0;
        for (int i = tokens.size() - count; i < tokens.size(); i++) {
            sum += logprobs[i - 1][tokens.get(i)];
        }
        return sum;
    }

    /** The tokens greedy decoding adds to {@code prompt}: at most {@code count}, stopping before the end of sequence. */
    public List<Integer> greedy(List<Integer> prompt, int count) {
        List<Integer> tokens = new java.util.ArrayList<>(prompt);
        for (int i = 0; i < count; i++) {
            int next = argmax(logprobs(tokens)[tokens.size() - 1]);
            if (next == model.eosId()) {
                break;
            }
            tokens.add(next);
        }
        return List.copyOf(tokens.subList(prompt.size(), tokens.size()));
    }

    /** The index of the largest value (the most likely token of a row of {@link #logprobs}). */
    public static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The log-probabilities of every vocabulary entry after each prefix of {@code tokens}: [position][token]. */
    public double[][] logprobs(List<Integer> tokens) {
        int hidden = model.hiddenSize();
        int heads = model.heads();
        int kvHeads = model.kvHeads();
        int d = hidden / heads;
        int n = tokens.size();
        double[][][] keys = new double[model.layers()][n][];
        double[][][] values = new double[model.layers()][n][];
        double[][] out = new double[n][];
        for (int pos = 0; pos < n; pos++) {
            double[] x = linear.get("model.embed_tokens.weight")[tokens.get(pos)].clone();
            for (int l = 0; l < model.layers(); l++) {
                String p = "model.layers." + l + ".";
                double[] h = rmsNorm(x, vector(p + "input_layernorm.weight"));
                double[] q = rope(project(p + "self_attn.q_proj", h), heads, d, pos);
                keys[l][pos] = rope(project(p + "self_attn.k_proj", h), kvHeads, d, pos);
                values[l][pos] = project(p + "self_attn.v_proj", h);
                double[] attended = new double[heads * d];
                for (int head = 0; head < heads; head++) {
                    int kv = head / (heads / kvHeads);
                    double[] scores = new double[pos + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int t = 0; t <= pos; t++) {
                        double s = 0;
                        for (int i = 0; i < d; i++) {
                            s += q[head * d + i] * keys[l][t][kv * d + i];
                        }
                        scores[t] = s / Math.sqrt(d);
                        max = Math.max(max, scores[t]);
                    }
                    double sum = 0;
                    for (int t = 0; t <= pos; t++) {
                        scores[t] = Math.exp(scores[t] - max);
                        sum += scores[t];
                    }
                    for (int t = 0; t <= pos; t++) {
                        for (int i = 0; i < d; i++) {
                            attended[head * d + i] += scores[t] / sum * values[l][t][kv * d + i];
                        }
                    }
                }
                add(x, matVec(linear.get(p + "self_attn.o_proj.weight"), attended));
                double[] h2 = rmsNorm(x, vector(p + "post_attention_layernorm.weight"));
                double[] gate = matVec(linear.get(p + "mlp.gate_proj.weight"), h2);
                double[] up = matVec(linear.get(p + "mlp.up_proj.weight"), h2);
                for (int i = 0; i < gate.length; i++) {
                    gate[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
                }
                add(x, matVec(linear.get(p + "mlp.down_proj.weight"), gate));
            }
            double[] logits = matVec(linear.get(model.tiedEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight"),
                    rmsNorm(x, vector("model.norm.weight")));
            double max = Double.NEGATIVE_INFINITY;
            for (double v : logits) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : logits) {
                sum += Math.exp(v - max);
            }
            double log = max + Math.log(sum);
            for (int i = 0; i < logits.length; i++) {
                logits[i] -= log;
            }
            out[pos] = logits;
        }
        return out;
    }

    private double[] project(String module, double[] h) {
        double[] y = matVec(linear.get(module + ".weight"), h);
        TinyModel.Tensor bias = model.tensors().get(module + ".bias");
        if (bias != null) {
            for (int i = 0; i < y.length; i++) {
                y[i] += bias.values()[i];
            }
        }
        return y;
    }

    private double[] rope(double[] v, int heads, int d, int pos) {
        double[] r = v.clone();
        for (int head = 0; head < heads; head++) {
            for (int i = 0; i < d / 2; i++) {
                double angle = pos * Math.pow(model.ropeTheta(), -2.0 * i / d);
                double a = v[head * d + i];
                double b = v[head * d + i + d / 2];
                r[head * d + i] = a * Math.cos(angle) - b * Math.sin(angle);
                r[head * d + i + d / 2] = b * Math.cos(angle) + a * Math.sin(angle);
            }
        }
        return r;
    }

    private double[] rmsNorm(double[] x, double[] w) {
        double ss = 0;
        for (double v : x) {
            ss += v * v;
        }
        double scale = 1 / Math.sqrt(ss / x.length + model.rmsNormEps());
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * scale * w[i];
        }
        return y;
    }

    private double[] vector(String name) {
        float[] values = model.tensors().get(name).values();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static double[] matVec(double[][] w, double[] x) {
        double[] y = new double[w.length];
        for (int r = 0; r < w.length; r++) {
            double s = 0;
            for (int c = 0; c < x.length; c++) {
                s += w[r][c] * x[c];
            }
            y[r] = s;
        }
        return y;
    }

    private static void add(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
    }
}
