package org.darkfigure.breaking.api;

/** Breaks a rule on purpose (ArchitectureTest): api code that links against the jobs. */
public class UsesJobs {
    public org.darkfigure.simulate.Scenario scenario;
}
