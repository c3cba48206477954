package org.darkfigure.registry;

/** A pipeline run's state. */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED;

    public boolean finished() {
        return this != RUNNING;
    }
}
