/** Code written to break the architecture rules on purpose, so the tests show that each rule can fail. */
package dev.stoa.archfixture;
