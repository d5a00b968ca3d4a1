using Plotly.NET;

namespace NotaGen.Visualization.Curves;

/// <summary>
/// Training curves that redraw while a run goes on: feed it log points (from an observer of the trainer) and it calls
/// <paramref name="show"/> with a fresh chart every <paramref name="everySteps"/> updates and at every validation pass.
/// In a notebook: <c>var shown = display("starting…"); var live = new LiveTrainingCurves(c => shown.Update(c));</c>.
/// </summary>
public sealed class LiveTrainingCurves(Action<GenericChart> show, int everySteps = 10, string? title = null)
{
    private readonly List<TrainingLogPoint> points = [];

    public IReadOnlyList<TrainingLogPoint> Points => points;

    /// <summary>How many charts were drawn so far.</summary>
    public int Redraws { get; private set; }

    public void Add(TrainingLogPoint point)
    {
        points.Add(point);
        if ((point.Kind == "train" && point.Step % Math.Max(1, everySteps) == 0) || point.Kind == "eval")
            Redraw();
    }

    /// <summary>Draws now (call once at the end so the last steps show).</summary>
    public GenericChart Redraw()
    {
        var chart = TrainingCurves.Chart(TrainingCurveData.From(points), title);
        Redraws++;
        show(chart);
        return chart;
    }
}
