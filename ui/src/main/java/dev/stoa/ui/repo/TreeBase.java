package dev.stoa.ui.repo;

/** A model this one derives from, and how ({@code adapter}, {@code merge}, {@code quantized}, {@code finetune}). */
public record TreeBase(String id, String relation, String url) {
}
