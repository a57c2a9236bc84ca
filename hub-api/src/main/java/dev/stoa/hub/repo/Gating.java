package dev.stoa.hub.repo;

/** Whether downloads need a granted access request: {@code off}, or requests accepted automatically or by hand. */
public enum Gating { off, auto, manual }
