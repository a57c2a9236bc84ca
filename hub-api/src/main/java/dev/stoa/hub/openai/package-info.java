/**
 * The OpenAI-compatible gateway at {@code /v1} (a protocol adapter): {@code GET /v1/models},
 * {@code POST /v1/completions} and {@code POST /v1/chat/completions} as OpenAI's clients, vLLM and
 * lm-evaluation-harness speak them — requests validated with OpenAI-shaped errors, answers and server-sent events.
 * Who may run what and which engine answers belong to {@code inference}.
 * <p>Uses: {@code inference}, {@code deployment} (a deployment serving the model comes first), {@code external},
 * {@code access}, {@code identity}, {@code config}, {@code error}.
 */
package dev.stoa.hub.openai;
