namespace NotaGen.Training.Preference;

/// <summary>
/// What <see cref="PreferenceSampler.Sample"/> made: the pairs of every prompt sampled in full, and how many prompts
/// that is (fewer than asked when it was cancelled; the prompt in hand then has no pairs).
/// </summary>
public sealed record PreferenceSampling(IReadOnlyList<PreferencePair> Pairs, int PromptsSampled);
