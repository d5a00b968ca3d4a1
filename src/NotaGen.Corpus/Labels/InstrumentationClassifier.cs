using NotaGen.Corpus.Sources;

namespace NotaGen.Corpus.Labels;

/// <summary>
/// Guesses NotaGen's instrumentation class from part names and staff layout, for scores no labels table covers.
/// Part names are unreliable (the shared corpus README says so), so the rules are few and return null when unsure:
/// voices with at most one keyboard → Art Song (one voice) or Choral (several); voices with three or more other
/// instruments → Vocal-Orchestral; no voices: keyboard only → Keyboard, 2–8 instrumental parts → Chamber, 9 or more →
/// Orchestral. An unnamed single part of two staves is read as Keyboard.
/// </summary>
public static class InstrumentationClassifier
{
    private static readonly string[] VoiceWords =
        ["voice", "voce", "stimme", "singstimme", "soprano", "sopran", "mezzo", "alto", "alt", "tenor", "tenore", "baritone",
         "bariton", "bass", "basso", "choir", "chorus", "chor", "coro", "canto", "cantus", "s.", "a.", "t.", "b."];

    private static readonly string[] KeyboardWords =
        ["piano", "pianoforte", "klavier", "harpsichord", "cembalo", "clavecin", "organ", "orgel", "organo", "keyboard", "clavier", "fortepiano", "continuo"];

    public static string? Classify(IReadOnlyList<PartLayout> parts)
    {
        if (parts.Count == 0) return null;
        var voices = parts.Count(p => IsVoice(p.Name));
        var keyboards = parts.Count(p => !IsVoice(p.Name) && IsKeyboard(p.Name));
        var others = parts.Count - voices - keyboards;
        var unnamed = parts.Count(p => p.Name.Trim().Length == 0);

        if (voices > 0)
        {
            if (others >= 3) return Instrumentation.VocalOrchestral;
            if (others > 0) return null;
            return voices == 1 ? (keyboards == 1 ? Instrumentation.ArtSong : null) : Instrumentation.Choral;
        }
        if (unnamed == parts.Count)
            return parts.Count == 1 && parts[0].Staves == 2 ? Instrumentation.Keyboard : null;
        if (others == 0) return Instrumentation.Keyboard;
        return parts.Count >= 9 ? Instrumentation.Orchestral : parts.Count >= 2 ? Instrumentation.Chamber : null;
    }

    private static bool IsVoice(string name) => Matches(name, VoiceWords) && !name.Contains("contrabass", StringComparison.OrdinalIgnoreCase)
        && !name.Contains("bass clarinet", StringComparison.OrdinalIgnoreCase) && !name.Contains("double", StringComparison.OrdinalIgnoreCase) && !name.Contains("viol", StringComparison.OrdinalIgnoreCase)
        && !name.Contains("sax", StringComparison.OrdinalIgnoreCase) && !name.Contains("recorder", StringComparison.OrdinalIgnoreCase)
        && !name.Contains("trombone", StringComparison.OrdinalIgnoreCase) && !name.Contains("flute", StringComparison.OrdinalIgnoreCase);

    private static bool IsKeyboard(string name) => Matches(name, KeyboardWords);

    // Whole words only, so "Alto" matches but "Altus" and "Salto" do not; "S." etc. are the choral abbreviations.
    private static bool Matches(string name, string[] words)
    {
        var tokens = name.ToLowerInvariant().Split([' ', '\t', '-', '(', ')', '/', ',', '1', '2', '3', '4'], StringSplitOptions.RemoveEmptyEntries);
        var lowered = name.ToLowerInvariant();
        return words.Any(word => word.Contains(' ') ? lowered.Contains(word, StringComparison.Ordinal) : tokens.Contains(word));
    }
}
