namespace NotaGen.Audio.Synthesis;

/// <summary>
/// Parts spread evenly from left to right across 60% of the stereo field in score order (first voice left, as an
/// orchestra seats its first violins), with equal-power gains so a part keeps its loudness wherever it sits.
/// </summary>
public static class StereoPlacement
{
    public const double Width = 0.6;

    /// <summary>Pan position in [-1, 1] of part <paramref name="part"/> of <paramref name="parts"/>.</summary>
    public static double Position(int part, int parts) => parts <= 1 ? 0 : -Width + 2 * Width * part / (parts - 1);

    public static (float Left, float Right) Gains(double position)
    {
        var angle = (position + 1) * Math.PI / 4;
        return ((float)Math.Cos(angle), (float)Math.Sin(angle));
    }
}
