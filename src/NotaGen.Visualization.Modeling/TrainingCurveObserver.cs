using NotaGen.Training.Logging;
using NotaGen.Visualization.Curves;

namespace NotaGen.Visualization.Modeling;

/// <summary>
/// Passes the trainer's progress to <see cref="LiveTrainingCurves"/>, so a notebook's chart redraws while the run goes
/// on: <c>TrainingSession.Open(config, observer: new TrainingCurveObserver(live))</c>.
/// </summary>
public sealed class TrainingCurveObserver(LiveTrainingCurves curves) : ITrainingObserver
{
    public LiveTrainingCurves Curves => curves;

    public void Report(TrainingLogEntry entry) =>
        curves.Add(new TrainingLogPoint(entry.Kind, entry.Step, entry.Loss, entry.EvaluationLoss, entry.LearningRate, entry.TokensPerSecond, entry.ElapsedSeconds));
}
