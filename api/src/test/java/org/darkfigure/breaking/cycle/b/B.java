package org.darkfigure.breaking.cycle.b;

/** Breaks a rule on purpose (ArchitectureTest): the other half of a package cycle. */
public class B {
    public org.darkfigure.breaking.cycle.a.A a;
}
