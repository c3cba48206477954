package org.darkfigure.breaking.cycle.a;

/** Breaks a rule on purpose (ArchitectureTest): half of a package cycle. */
public class A {
    public org.darkfigure.breaking.cycle.b.B b;
}
