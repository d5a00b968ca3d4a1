using NotaGen.Music.Midi;

namespace NotaGen.Audio.Synthesis;

/// <summary>
/// The built-in synthesizer's sound for each General MIDI program: one sound per family, with the programs whose
/// family sound would mislead (harpsichord, pizzicato, harp, timpani, clarinet, ...) given their own.
/// </summary>
public static class TimbreLibrary
{
    private static readonly INoteSound[] Sounds = Enumerable.Range(0, 128).Select(Create).ToArray();
    private static readonly INoteSound Drums = new DrumSound();

    public static INoteSound For(int program, bool isPercussion) => isPercussion ? Drums : Sounds[program];

    private static INoteSound Create(int program) => program switch
    {
        6 or 7 => new PluckedSound(ringSeconds: 2.2, brightness: 0.9, releaseSeconds: 0.05, gain: 1.1f),
        >= 8 and <= 10 => new StruckSound(Bell, releaseSeconds: 0.3, gain: 0.6f),
        >= 11 and <= 13 => new StruckSound(Mallet, releaseSeconds: 0.15, gain: 0.8f),
        14 or 15 => new StruckSound(TubularBell, releaseSeconds: 0.8, gain: 0.5f),
        45 => new PluckedSound(ringSeconds: 0.5, brightness: 0.5, releaseSeconds: 0.05, gain: 1.2f),
        46 => new PluckedSound(ringSeconds: 3.0, brightness: 0.45, releaseSeconds: 0.6, gain: 1.2f),
        47 => new StruckSound(Timpani, releaseSeconds: 0.5, gain: 0.9f),
        71 => Sustained(Clarinet, attack: 0.04, release: 0.08, vibrato: null, gain: 0.45f),
        >= 104 and <= 107 => new PluckedSound(ringSeconds: 1.5, brightness: 0.8, releaseSeconds: 0.1),
        108 or (>= 112 and <= 119) => new StruckSound(Mallet, releaseSeconds: 0.1, gain: 0.8f),
        _ => ForFamily(GeneralMidiProgram.FamilyOf(program)),
    };

    private static INoteSound ForFamily(GeneralMidiFamily family) => family switch
    {
        GeneralMidiFamily.Piano => Piano(),
        GeneralMidiFamily.ChromaticPercussion => new StruckSound(Mallet, releaseSeconds: 0.15, gain: 0.8f),
        GeneralMidiFamily.Organ => Sustained(Organ, attack: 0.01, release: 0.05, vibrato: null, gain: 0.35f),
        GeneralMidiFamily.Guitar => new PluckedSound(ringSeconds: 2.5, brightness: 0.6, releaseSeconds: 0.08, gain: 1.1f),
        GeneralMidiFamily.Bass => new PluckedSound(ringSeconds: 3.0, brightness: 0.3, releaseSeconds: 0.08, gain: 1.3f),
        GeneralMidiFamily.Strings or GeneralMidiFamily.Ethnic =>
            Sustained(BowedString, attack: 0.07, release: 0.12, new Vibrato(5.5, 14, 0.2), gain: 0.45f),
        GeneralMidiFamily.Ensemble => Sustained(Choir, attack: 0.12, release: 0.18, new Vibrato(5.2, 18, 0.25), gain: 0.5f),
        GeneralMidiFamily.Brass => Brass(),
        GeneralMidiFamily.Reed => Sustained(DoubleReed, attack: 0.04, release: 0.08, new Vibrato(5.0, 8, 0.3), gain: 0.4f),
        GeneralMidiFamily.Pipe => Sustained(Flute, attack: 0.06, release: 0.1, new Vibrato(5.0, 12, 0.2), gain: 0.55f),
        _ => Sustained(BowedString, attack: 0.03, release: 0.1, new Vibrato(5.0, 6, 0.3), gain: 0.4f),
    };

    /// <summary>String ensembles (48–51) sound like strings, choirs and voices (52–54) like voices.</summary>
    private static INoteSound Sustained(Func<int, double, double> spectrum, double attack, double release, Vibrato? vibrato, float gain) =>
        new AdditiveSound([new HarmonicLayer(spectrum, new Envelope(attack, 0.3, 0.85, release))], vibrato, gain);

    /// <summary>A mellow body that rings long (longer for low notes) under a bright strike that dies fast.</summary>
    private static AdditiveSound Piano() => new(
    [
        new HarmonicLayer((h, f) => 1 / Math.Pow(h, 1.6) * Math.Exp(-f / 6000), new Envelope(0.003, 1.4, 0, 0.1), 1, DecayPitchExponent: -0.7),
        new HarmonicLayer((h, f) => h == 1 ? 0 : f > 5000 ? 0 : 1 / Math.Pow(h, 0.8), new Envelope(0.002, 0.2, 0, 0.06), 0.35f, DecayPitchExponent: -0.7),
    ]);

    /// <summary>Brass brightens as the note builds: a bright layer enters more slowly than the mellow one.</summary>
    private static AdditiveSound Brass() => new(
    [
        new HarmonicLayer((h, _) => 1 / Math.Pow(h, 1.8), new Envelope(0.03, 0.3, 0.85, 0.1)),
        new HarmonicLayer((h, f) => 1 / Math.Pow(h, 0.7) * Air(f), new Envelope(0.09, 0.4, 0.6, 0.08), 0.5f),
    ], new Vibrato(4.5, 6, 0.4), 0.45f);

    // Spectra: amplitude of harmonic h, which sounds at frequency f.
    private static double BowedString(int h, double f) => 1.0 / h * (1 + 0.8 * Bump(f, 2800, 900)) * Air(f);
    private static double Choir(int h, double f) =>
        1.0 / h * (0.05 + Bump(f, 700, 250) + 0.6 * Bump(f, 1150, 300) + 0.25 * Bump(f, 2600, 400));
    private static double DoubleReed(int h, double f) => 1 / Math.Pow(h, 0.6) * (0.2 + Bump(f, 1200, 600)) * Air(f);
    private static double Clarinet(int h, double f) => (h % 2 == 1 ? 1.0 : 0.08) / h * (f > 4000 ? 0.3 : 1);
    private static double Flute(int h, double f) => h switch { 1 => 1, 2 => 0.25, 3 => 0.12, 4 => 0.05, _ => 0 };
    private static double Organ(int h, double f) => h switch { 1 => 1, 2 => 0.7, 3 => 0.4, 4 => 0.45, 6 => 0.25, 8 => 0.3, 16 => 0.1, _ => 0 };

    // Real bodies and bells radiate little above a few kHz; without this roll-off sustained tones sound buzzy.
    private static double Air(double f) => Math.Exp(-f / 6000);

    private static double Bump(double f, double centre, double width) => Math.Exp(-Math.Pow((f - centre) / width, 2));

    // Inharmonic partials: (frequency ratio, level, decay seconds).
    private static readonly (double, double, double)[] Bell = [(1, 1, 0.9), (2.76, 0.4, 0.3), (5.4, 0.2, 0.15), (8.93, 0.1, 0.08)];
    private static readonly (double, double, double)[] Mallet = [(1, 1, 0.6), (3.93, 0.35, 0.15), (9.2, 0.1, 0.05)];
    private static readonly (double, double, double)[] TubularBell = [(1, 1, 2.5), (2.0, 0.5, 2), (3.0, 0.4, 1.5), (4.2, 0.3, 1), (5.4, 0.2, 0.7)];
    private static readonly (double, double, double)[] Timpani = [(1, 1, 1.2), (1.5, 0.5, 0.8), (1.98, 0.35, 0.6), (2.44, 0.2, 0.4)];
}
