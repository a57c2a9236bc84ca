/** One side of a planted package cycle. */
package dev.stoa.archfixture.cycle.a;
