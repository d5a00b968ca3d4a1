using NotaGen.Music.Time;

namespace NotaGen.Music.Midi.Import;

/// <summary>A key as a signature: sharps (positive) or flats (negative), major or minor.</summary>
public readonly record struct ImportedKey(int Fifths, bool Minor)
{
    private static readonly string[] MajorNames = ["Cb", "Gb", "Db", "Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E", "B", "F#", "C#"];
    private static readonly string[] MinorNames = ["Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E", "B", "F#", "C#", "G#", "D#", "A#"];

    /// <summary>The ABC <c>K:</c> value: "G", "F#m".</summary>
    public string AbcName => Minor ? MinorNames[Fifths + 7] + "m" : MajorNames[Fifths + 7];

    /// <summary>The key from its tonic pitch class (C = 0) and mode, spelled with at most six accidentals (F# not Gb).</summary>
    public static ImportedKey FromTonic(int pitchClass, bool minor)
    {
        var major = minor ? (pitchClass + 3) % 12 : pitchClass;
        var fifths = major * 7 % 12;
        return new ImportedKey(fifths > 6 ? fifths - 12 : fifths, minor);
    }
}

/// <summary>
/// The Krumhansl–Schmuckler key-finding algorithm: the duration-weighted pitch-class distribution of the notes is
/// correlated with the Krumhansl–Kessler major and minor key profiles in all 24 rotations; the best is the key.
/// </summary>
public static class KeyEstimator
{
    // Krumhansl & Kessler (1982) probe-tone ratings, tonic first.
    private static readonly double[] MajorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] MinorProfile = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

    /// <summary>The best key for notes given as (MIDI key, duration); C major when there are none.</summary>
    public static ImportedKey Estimate(IEnumerable<(int Key, Rational Duration)> notes)
    {
        var weights = new double[12];
        foreach (var (key, duration) in notes)
            weights[((key % 12) + 12) % 12] += duration.ToDouble();
        if (weights.All(w => w == 0))
            return new ImportedKey(0, false);
        var best = (Score: double.NegativeInfinity, Tonic: 0, Minor: false);
        for (var tonic = 0; tonic < 12; tonic++)
        {
            foreach (var minor in new[] { false, true })
            {
                var score = Correlation(weights, minor ? MinorProfile : MajorProfile, tonic);
                if (score > best.Score + 1e-12)
                    best = (score, tonic, minor);
            }
        }
        return ImportedKey.FromTonic(best.Tonic, best.Minor);
    }

    private static double Correlation(double[] weights, double[] profile, int tonic)
    {
        double meanW = weights.Average(), meanP = profile.Average();
        double sum = 0, sw = 0, sp = 0;
        for (var pc = 0; pc < 12; pc++)
        {
            var w = weights[pc] - meanW;
            var p = profile[((pc - tonic) % 12 + 12) % 12] - meanP;
            sum += w * p;
            sw += w * w;
            sp += p * p;
        }
        return sw == 0 ? 0 : sum / Math.Sqrt(sw * sp);
    }
}
