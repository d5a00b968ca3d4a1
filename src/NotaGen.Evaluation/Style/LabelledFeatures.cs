using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Evaluation.Style;

/// <summary>A corpus piece's style features with its labels and split.</summary>
public sealed record LabelledFeatures(string Id, string Split, StylePrompt Labels, double[] Features);

/// <summary>The style axes the classifiers predict, named as in the corpus labels.</summary>
public static class StyleAxes
{
    public const string Period = "period";
    public const string Instrumentation = "instrumentation";
    public const string Composer = "composer";

    public static readonly string[] All = [Period, Instrumentation, Composer];

    public static string? Of(StylePrompt labels, string axis)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return axis switch
        {
            Period => labels.Period,
            Instrumentation => labels.Instrumentation,
            Composer => labels.Composer,
            _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "the axes are period, instrumentation and composer"),
        };
    }
}
