package org.darkfigure.jobs;

import java.util.List;
import org.darkfigure.cli.CommandDispatcher;
import org.darkfigure.estimate.cli.EstimateCommand;
import org.darkfigure.link.spark.LinkEvalCommand;
import org.darkfigure.pipeline.PipelineJob;
import org.darkfigure.simulate.SimulateCommand;
import org.darkfigure.simulate.StudyCommand;

/** Entry point of the jobs module: the commands that need no server. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = new CommandDispatcher(List.of(new EstimateCommand(), new SimulateCommand(), new org.darkfigure.simulate.RegistersCommand(), new StudyCommand(), new LinkEvalCommand(), new PipelineJob(),
                new org.darkfigure.pipeline.ReproduceCommand()))
                .dispatch(args);
        System.exit(code);
    }
}
