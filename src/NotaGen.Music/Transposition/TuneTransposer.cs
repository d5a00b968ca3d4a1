using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Syntax;

namespace NotaGen.Music.Transposition;

/// <summary>
/// Walks one parsed tune in text order and collects the edits that transpose it. Each voice keeps its key section
/// (the interval in use, the key signature before and after) and, for the current bar, the accidentals written so far
/// in the original and in the transposed text. A note keeps a written accidental when it had one; a note without one
/// stays without one unless the transposed text would then read it wrongly (after a respelled note, see
/// <see cref="TransposedText.Respelled"/>), in which case it gets the accidental it needs.
/// </summary>
internal sealed class TuneTransposer(Interval main, List<TextEdit> edits, string file)
{
    private readonly Dictionary<string, VoiceState> voices = [];
    private KeyState tuneKey = new(main, KeySignature.CMajor, KeySignature.CMajor);
    private string voice = "";

    public int Respelled { get; private set; }

    private VoiceState Current
    {
        get
        {
            if (!voices.TryGetValue(voice, out var state))
                voices[voice] = state = new VoiceState(tuneKey);
            return state;
        }
    }

    public void Visit(AbcLine line, bool inHeader)
    {
        switch (line)
        {
            case AbcFieldLine { Letter: 'V' } field:
                voice = VoiceId(field.Value);
                break;
            case AbcFieldLine { Letter: 'K' } field:
                Key(field.Value, field.Position.Offset + 2, inHeader);
                break;
            case AbcMusicLine music:
                foreach (var element in music.Elements)
                    Visit(element);
                break;
        }
    }

    private void Visit(AbcElement element)
    {
        switch (element)
        {
            case AbcNote note:
                Note(note);
                break;
            case AbcChord chord:
                foreach (var item in chord.Items)
                    Visit(item);
                break;
            case AbcGraceGroup grace:
                foreach (var item in grace.Items)
                    Visit(item);
                break;
            case AbcBarline:
                Current.NewBar();
                break;
            case AbcAnnotation { IsChordSymbol: true } annotation:
                var symbol = ChordSymbolTransposer.Transpose(annotation.Text, Current.Key.Interval, out var respelledRoots);
                Respelled += respelledRoots;
                if (symbol != annotation.Text)
                    edits.Add(new TextEdit(annotation.Position.Offset + 1, annotation.Text.Length, symbol));
                break;
            case AbcInlineField { Letter: 'V' } field:
                voice = VoiceId(field.Value);
                break;
            case AbcInlineField { Letter: 'K' } field:
                Key(field.Value, field.Position.Offset + 3, inHeader: false);
                break;
        }
    }

    /// <summary>Rewrites the tonic of a K: value and starts a key section for the current voice (or the tune, in the header).</summary>
    private void Key(string value, int valueOffset, bool inHeader)
    {
        var tonic = AbcTransposer.Tonic().Match(value);
        if (!tonic.Success)
            return; // a K: with only clef settings keeps the key
        var signature = NotaGenKeys.SignatureKey(value) ?? new SpelledPitch('C', 0);
        var interval = inHeader ? main : KeyChangeInterval(signature);
        var written = tonic.Groups[1].Value;
        var replacement = written == "none"
            ? new SpelledPitch('C', 0).Transpose(interval).ToString()
            : SpelledPitch.Parse(written)!.Value.Transpose(interval).ToString();
        edits.Add(new TextEdit(valueOffset + tonic.Groups[1].Index, written.Length, replacement));

        var transposedValue = value[..tonic.Groups[1].Index] + replacement + value[(tonic.Groups[1].Index + written.Length)..];
        // NotaGen reads K:none as C: no signature either way, and the transposed tune gets the target's signature.
        var originalSignature = written == "none" ? KeySignature.CMajor : KeySignature.Parse(value, out _);
        var key = new KeyState(interval, originalSignature, KeySignature.Parse(transposedValue, out _));
        if (inHeader)
            tuneKey = key;
        else
            Current.Key = key;
    }

    /// <summary>
    /// The interval for a key change inside the tune. The tune's own key goes exactly to the target; a key change
    /// that would land on 7 or more sharps or flats is written enharmonically with 5 or fewer instead (A# major
    /// → Bb, C# → Db, Cb → B), as scores do. This also brings the usual spellings back when transposing back
    /// (B → Ab → B, not Cb); only F#/Gb and 7-accidental key changes may come back in the other spelling.
    /// </summary>
    private Interval KeyChangeInterval(SpelledPitch signature)
    {
        if (main.Steps == 0 && main.Semitones == 0)
            return main;
        var fifths = signature.Fifths + main.Fifths;
        return fifths >= 7 ? main.Respelled(+1) : fifths <= -7 ? main.Respelled(-1) : main;
    }

    private void Note(AbcNote note)
    {
        var pitch = note.Pitch;
        if (pitch.Accidental.Kind == AbcAccidentalKind.Microtonal)
            throw new MusicFormatException(file, note.Position.ToString(), "a microtonal accidental cannot be transposed to another key");

        var state = Current;
        var key = state.Key;
        var step = 7 * pitch.Octave + pitch.StepIndex;
        var written = pitch.Accidental.Semitones;
        var alteration = written ?? state.OriginalBar.GetValueOrDefault(step, key.Original.AlterationOf(pitch.Step));
        if (written is not null)
            state.OriginalBar[step] = alteration;

        var sounding = Natural(step) + alteration + key.Interval.Semitones;
        var newStep = step + key.Interval.Steps;
        var newAlteration = sounding - Natural(newStep);
        if (Math.Abs(newAlteration) > 2)
        {
            // Three sharps or flats cannot be written: the next letter up or down spells the same sound.
            newStep += newAlteration > 0 ? 1 : -1;
            newAlteration = sounding - Natural(newStep);
            Respelled++;
        }

        var implied = state.TransposedBar.GetValueOrDefault(newStep, key.Transposed.AlterationOf(SpelledPitch.Letters[SpelledPitch.Mod(newStep, 7)]));
        var accidental = "";
        if (written is not null || implied != newAlteration)
        {
            accidental = newAlteration switch { 2 => "^^", 1 => "^", 0 => "=", -1 => "_", _ => "__" };
            state.TransposedBar[newStep] = newAlteration;
        }

        var source = note.Source.Span;
        var length = PitchLength(source);
        var replacement = accidental + Letter(newStep);
        if (!source[..length].SequenceEqual(replacement))
            edits.Add(new TextEdit(note.Position.Offset, length, replacement));
    }

    /// <summary>Semitones above middle C's octave start of the natural note at this diatonic step (0 = middle C).</summary>
    private static int Natural(int step) =>
        12 * SpelledPitch.FloorDiv(step, 7) + SpelledPitch.NaturalSemitone(SpelledPitch.Mod(step, 7));

    private static string Letter(int step)
    {
        var octave = SpelledPitch.FloorDiv(step, 7);
        var letter = SpelledPitch.Letters[SpelledPitch.Mod(step, 7)];
        return octave >= 1
            ? char.ToLowerInvariant(letter) + new string('\'', octave - 1)
            : letter + new string(',', -octave);
    }

    /// <summary>Characters of the written note that spell its pitch: accidental, letter, octave marks.</summary>
    private static int PitchLength(ReadOnlySpan<char> written)
    {
        var i = 0;
        while (i < written.Length && written[i] is '^' or '_' or '=')
            i++;
        i++; // the letter
        while (i < written.Length && written[i] is '\'' or ',')
            i++;
        return i;
    }

    private static string VoiceId(string value)
    {
        var trimmed = value.TrimStart();
        var end = 0;
        while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end]))
            end++;
        return trimmed[..end];
    }

    /// <summary>A key section: the interval in use and the signature before and after transposing.</summary>
    private sealed record KeyState(Interval Interval, KeySignature Original, KeySignature Transposed);

    /// <summary>One voice's key section and the accidentals written so far in its current bar (by diatonic step).</summary>
    private sealed class VoiceState(KeyState key)
    {
        public KeyState Key { get; set; } = key;

        public Dictionary<int, int> OriginalBar { get; } = [];

        public Dictionary<int, int> TransposedBar { get; } = [];

        public void NewBar()
        {
            OriginalBar.Clear();
            TransposedBar.Clear();
        }
    }
}
