package dev.stoa.archfixture.cycle.a;

import dev.stoa.archfixture.cycle.b.Pong;

/** A planted cycle (a → b → a): the architecture test shows its cycle rule reports it. */
public class Ping {

    public Pong answer() {
        return new Pong();
    }
}
