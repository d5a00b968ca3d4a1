namespace NotaGen.Corpus.Splitting;

/// <summary>The shares of validation and test; the rest is train.</summary>
public sealed record SplitFractions(double Validation = 0.05, double Test = 0.05)
{
    public void Validate()
    {
        if (Validation < 0 || Test < 0 || Validation + Test > 1)
            throw new ArgumentException($"split fractions validation={Validation}, test={Test} must be ≥ 0 and add up to at most 1");
    }
}
