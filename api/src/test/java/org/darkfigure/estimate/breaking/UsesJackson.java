package org.darkfigure.estimate.breaking;

/** Breaks a rule on purpose (ArchitectureTest): an estimator that depends on more than the JDK and Commons Math. */
public class UsesJackson {
    public com.fasterxml.jackson.databind.ObjectMapper json;
}
