namespace NotaGen.Training.Optimization;

/// <summary>
/// Linear warm-up to the peak, then a cosine decay to <see cref="MinimumRatio"/> × peak at <see cref="TotalSteps"/>
/// (held there after). Warm-up 0 and minimum ratio 1 give a constant rate (NotaGen's DPO). NotaGen's released scripts
/// build their scheduler on an optimizer they then replace, so it never acts (reference e.1); here the trainer sets
/// the optimizer's rate from this schedule before every update.
/// </summary>
public sealed record LearningRateSchedule(double PeakRate, int WarmupSteps, int TotalSteps, double MinimumRatio = 0.1)
{
    /// <summary>The rate of optimizer update <paramref name="step"/> (0-based).</summary>
    public double RateAt(int step)
    {
        if (step < WarmupSteps)
            return PeakRate * (step + 1) / WarmupSteps;
        var decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        var progress = Math.Min(1.0, (double)(step - WarmupSteps) / decaySteps);
        var minimum = PeakRate * MinimumRatio;
        return minimum + (PeakRate - minimum) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
