namespace NotaGen.Training.Logging;

/// <summary>Passes every entry to several observers in order.</summary>
public sealed class ObserverList(IReadOnlyList<ITrainingObserver> observers) : ITrainingObserver
{
    public void Report(TrainingLogEntry entry)
    {
        foreach (var observer in observers) observer.Report(entry);
    }
}
