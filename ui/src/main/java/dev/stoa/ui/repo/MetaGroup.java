package dev.stoa.ui.repo;

import java.util.List;

/** A labelled row of the card's metadata: "License", "Libraries", "Base model"... */
public record MetaGroup(String label, List<MetaChip> chips) {
}
