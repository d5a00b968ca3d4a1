using NotaGen.Visualization.Charts;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotaGen.Visualization.Curves;

/// <summary>
/// Training curves: loss and validation loss (top), learning rate (middle), throughput in tokens/s (bottom), sharing
/// the step axis.
/// </summary>
public static class TrainingCurves
{
    public static GenericChart FromLog(string logPath, string? title = null) =>
        Chart(TrainingCurveData.From(TrainingLogReader.Read(logPath)), title ?? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(logPath))));

    public static GenericChart Chart(TrainingCurveData data, string? title = null)
    {
        var loss = CSharpChart.Combine(
        [
            CSharpChart.Line<int, double, string>(data.Steps, data.Loss, Name: "training loss"),
            CSharpChart.Line<int, double, string>(data.EvaluationSteps, data.EvaluationLoss, Name: "validation loss", ShowMarkers: true),
        ]);
        var rate = CSharpChart.Line<int, double, string>(data.Steps, data.LearningRate, Name: "learning rate");
        var speed = CSharpChart.Line<int, double, string>(data.Steps, data.TokensPerSecond, Name: "tokens/s");
        return CSharpChart.Grid([loss, rate, speed], 3, 1, SubPlotTitles: new[] { "loss (nats per character)", "learning rate", "tokens per second" })
            .WithSize(Width: 800, Height: 700)
            .WithTitle(title ?? "training");
    }
}
