using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Time;

namespace NotaGen.Music.Abc.Semantics;

/// <summary>
/// Gives a parsed tune its musical meaning: exact durations of notes and bars per voice, and the sounding pitch of
/// every note (key signature with modes and explicit accidentals, accidentals holding to the end of the bar per step
/// and octave, ties carrying accidentals over the bar line, transpose= and octave= of V:/K:). A tune past
/// <see cref="ScoreLimits"/> (voices, notes in a bar) stops with a <see cref="MusicFormatException"/> at the element.
/// </summary>
public static class AbcInterpreter
{
    /// <param name="cancel">Checked every few thousand elements: a conversion given up on stops with
    /// <see cref="OperationCanceledException"/>.</param>
    public static AbcTuneSemantics Interpret(AbcTune tune, string fileName = "<input>", CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(tune);
        return new Walker(fileName, cancel).Run(tune);
    }

    /// <summary>Elements interpreted between two looks at the cancellation token.</summary>
    private const int CancellationStride = 4096;

    private const int MaxRestBars = 10_000;

    private sealed class Walker(string fileName, CancellationToken cancel)
    {
        private int elementsRead;
        private readonly DiagnosticBag diagnostics = new(fileName);
        private readonly Dictionary<string, VoiceDefinition> declared = [];
        private readonly List<string> declarationOrder = [];
        private readonly Dictionary<string, VoiceState> voices = [];
        private readonly List<VoiceState> voiceOrder = [];
        private readonly List<AbcTimedChange<Tempo>> tempi = [];
        private readonly List<AbcTimedChange<Meter>> meters = [];
        private readonly List<AbcTimedChange<KeySignature>> keys = [];
        private KeySignature key = KeySignature.CMajor;
        private Meter meter = Meter.Free;
        private Rational? unit;
        private VoiceState? current;

        public AbcTuneSemantics Run(AbcTune tune)
        {
            foreach (var field in tune.HeaderFields)
                HeaderField(field);
            unit ??= UnitLength.DefaultFor(meter);
            meters.Add(new(Rational.Zero, meter));
            keys.Add(new(Rational.Zero, key));

            foreach (var line in tune.Body)
            {
                switch (line)
                {
                    case AbcFieldLine field:
                        BodyField(field.Letter, field.Value, field.Position);
                        MarkField(new AbcInlineField(field.Letter, field.Value) { Position = field.Position });
                        break;
                    case AbcMusicLine music:
                        Music(music.Elements);
                        break;
                }
            }
            foreach (var voice in voiceOrder)
            {
                try
                {
                    voice.EndBar(null);
                }
                catch (OverflowException)
                {
                    diagnostics.Error(voice.BarPosition, "note lengths too fine to add up exactly; the last bar is left out");
                }
            }

            var result = voiceOrder
                .Select(v => new AbcVoice(v.Id, v.Definition, v.Bars, v.Notes.Select(n => n.Build()).ToList()) { Marks = v.Marks })
                .Concat(declarationOrder.Where(id => !voices.ContainsKey(id)).Select(id => new AbcVoice(id, declared[id], [], [])))
                .ToList();
            return new AbcTuneSemantics(result, tempi, Dedupe(meters), Dedupe(keys), unit.Value, diagnostics.Items);
        }

        private static List<AbcTimedChange<T>> Dedupe<T>(List<AbcTimedChange<T>> changes) =>
            changes.GroupBy(c => c.Onset).Select(g => g.Last()).OrderBy(c => c.Onset).ToList();

        private void HeaderField(AbcFieldLine field)
        {
            switch (field.Letter)
            {
                case 'M':
                    meter = Meter.Parse(field.Value, out _);
                    break;
                case 'L':
                    unit = UnitLength.Parse(field.Value, out _);
                    break;
                case 'K':
                    key = KeySignature.Parse(field.Value, out _);
                    break;
                case 'Q':
                    AddTempo(Rational.Zero, Tempo.Parse(field.Value, out _), unit ?? new Rational(1, 8));
                    break;
                case 'V':
                    Declare(VoiceDefinition.Parse(field.Value, out _), field.Position);
                    break;
            }
        }

        private void Declare(VoiceDefinition definition, AbcPosition position)
        {
            if (definition.Id.Length == 0)
                return;
            if (!declared.ContainsKey(definition.Id))
            {
                CheckVoiceCount(declared.Count, position);
                declarationOrder.Add(definition.Id);
            }
            declared[definition.Id] = declared.TryGetValue(definition.Id, out var earlier) ? Merge(earlier, definition) : definition;
        }

        private static VoiceDefinition Merge(VoiceDefinition earlier, VoiceDefinition later) => later with
        {
            Name = later.Name ?? earlier.Name,
            ShortName = later.ShortName ?? earlier.ShortName,
            Clef = new ClefProperties(
                later.Clef.Clef ?? earlier.Clef.Clef,
                later.Clef.Transpose ?? earlier.Clef.Transpose,
                later.Clef.Octave ?? earlier.Clef.Octave,
                later.Clef.Middle ?? earlier.Clef.Middle,
                later.Clef.StaffLines ?? earlier.Clef.StaffLines),
        };

        private void AddTempo(Rational onset, Tempo tempo, Rational unitLength)
        {
            if (tempo.BeatsPerMinute is null)
                return;
            // The old form Q:120 counts beats of the unit length.
            tempi.Add(new(onset, tempo with { Beat = tempo.Beat ?? unitLength }));
        }

        private VoiceState Voice(string id, AbcPosition position)
        {
            if (voices.TryGetValue(id, out var state))
                return state;
            CheckVoiceCount(voices.Count, position);
            declared.TryGetValue(id, out var definition);
            state = new VoiceState(id, definition, key, meter, unit!.Value);
            state.ApplyClef(key.Clef);
            if (definition is not null)
                state.ApplyClef(definition.Clef);
            voices[id] = state;
            voiceOrder.Add(state);
            return state;
        }

        private VoiceState CurrentVoice() => current ??= Voice(declarationOrder.Count > 0 ? declarationOrder[0] : "1", default);

        private void CheckVoiceCount(int existing, AbcPosition position)
        {
            if (existing >= ScoreLimits.MaxVoices)
                throw new MusicFormatException(fileName, position.ToString(), $"more than {ScoreLimits.MaxVoices} voices in the tune (the ABC reader's limit)");
        }

        /// <summary>Counts notes and rests into the voice's bar, stopping the tune past the limit.</summary>
        private void CountNotes(VoiceState voice, int count, AbcPosition position)
        {
            voice.BarNotes += count;
            if (voice.BarNotes > ScoreLimits.MaxNotesPerBar)
                throw new MusicFormatException(fileName, position.ToString(), $"more than {ScoreLimits.MaxNotesPerBar} notes and rests in one bar of voice {voice.Id} (the ABC reader's limit)");
        }

        private bool IsFirstVoice(VoiceState voice) => voiceOrder.Count > 0 && voiceOrder[0] == voice;

        private void BodyField(char letter, string value, AbcPosition position)
        {
            switch (letter)
            {
                case 'V':
                    {
                        var definition = VoiceDefinition.Parse(value, out _);
                        if (definition.Id.Length == 0)
                            return;
                        var known = voices.ContainsKey(definition.Id);
                        Declare(definition, position);
                        current = Voice(definition.Id, position);
                        if (known)
                        {
                            current.Definition = declared[definition.Id];
                            current.ApplyClef(definition.Clef);
                        }
                        break;
                    }
                case 'K':
                    {
                        var parsed = KeySignature.Parse(value, out _);
                        if (current is null && parsed.SpecifiesKey)
                            key = parsed;
                        var voice = CurrentVoice();
                        voice.ApplyClef(parsed.Clef);
                        if (!parsed.SpecifiesKey)
                            break; // K:treble, [K:bass]: a clef change; the signature stays
                        voice.Key = parsed;
                        if (IsFirstVoice(voice))
                            keys.Add(new(voice.Time, parsed));
                        break;
                    }
                case 'M':
                    {
                        var parsed = Meter.Parse(value, out _);
                        if (current is null)
                            meter = parsed;
                        var voice = CurrentVoice();
                        voice.Meter = parsed;
                        if (!voice.BarHasContent)
                            voice.BarMeter = parsed;
                        if (IsFirstVoice(voice))
                            meters.Add(new(voice.Time, parsed));
                        break;
                    }
                case 'L':
                    {
                        var parsed = UnitLength.Parse(value, out _);
                        if (current is null)
                            unit = parsed;
                        CurrentVoice().Unit = parsed;
                        break;
                    }
                case 'Q':
                    {
                        var voice = CurrentVoice();
                        AddTempo(voice.Time, Tempo.Parse(value, out _), voice.Unit);
                        break;
                    }
            }
            _ = position;
        }

        private void Music(IReadOnlyList<AbcElement> elements)
        {
            for (var index = 0; index < elements.Count; index++)
            {
                if (++elementsRead % CancellationStride == 0)
                    cancel.ThrowIfCancellationRequested();
                try
                {
                    Element(elements, index);
                }
                catch (OverflowException)
                {
                    // Exact fractions grow without bound only on absurd input (lengths like /999983 next to /999979);
                    // the element is reported and skipped rather than approximated.
                    diagnostics.Error(elements[index].Position, "note lengths too fine to add up exactly here; the element is skipped");
                }
            }
        }

        private void Element(IReadOnlyList<AbcElement> elements, int index)
        {
            {
                var element = elements[index];
                switch (element)
                {
                    case AbcInlineField field:
                        BodyField(field.Letter, field.Value, field.Position);
                        MarkField(field);
                        break;
                    case AbcBarline barline:
                        CurrentVoice().EndBar(barline.Symbol);
                        CurrentVoice().Mark(barline);
                        break;
                    case AbcVolta or AbcSlur or AbcAnnotation:
                        CurrentVoice().Mark(element);
                        break;
                    case AbcGraceGroup grace:
                        CurrentVoice().Mark(grace, GracePitches(CurrentVoice(), grace));
                        break;
                    case AbcNote note:
                        Group(CurrentVoice(), [note], note.Length.Multiplier, elements, index, note.Position);
                        break;
                    case AbcChord chord:
                        Chord(CurrentVoice(), chord, elements, index);
                        break;
                    case AbcRest rest:
                        Rest(CurrentVoice(), rest, elements, index);
                        break;
                    case AbcMultiMeasureRest multi:
                        if (multi.Bars > MaxRestBars)
                            diagnostics.Error(multi.Position, $"a rest of {multi.Bars} bars is implausible; read as one bar");
                        MultiMeasureRest(CurrentVoice(), multi.Bars > MaxRestBars ? multi with { Bars = 1 } : multi);
                        break;
                    case AbcTuplet tuplet:
                        {
                            var voice = CurrentVoice();
                            var (factor, count) = TupletRule.Resolve(tuplet, voice.Meter);
                            if (count > 0)
                                voice.Tuplets.Add((factor, count));
                            break;
                        }
                    case AbcTie:
                        TieLastGroup(CurrentVoice());
                        break;
                    case AbcDecoration decoration:
                        if (Dynamics.VelocityOf(decoration.StandardName) is { } velocity)
                            CurrentVoice().Velocity = velocity;
                        CurrentVoice().Mark(decoration);
                        break;
                    case AbcOverlay { Symbol: "&" }:
                        {
                            var voice = CurrentVoice();
                            voice.LayerEnd = Rational.Max(voice.LayerEnd, voice.Time);
                            voice.Time = voice.BarStart;
                            break;
                        }
                }
            }
        }

        /// <summary>Length factor from a broken-rhythm mark after the element at <paramref name="index"/>, if any.</summary>
        private static Rational? BrokenFactorAfter(IReadOnlyList<AbcElement> elements, int index, out Rational nextFactor)
        {
            nextFactor = Rational.One;
            for (var j = index + 1; j < elements.Count; j++)
            {
                switch (elements[j])
                {
                    case AbcSpace or AbcTie or AbcSlur { Opening: false }:
                        continue;
                    case AbcBrokenRhythm broken:
                        {
                            var small = new Rational(1, 1L << broken.Count);
                            var large = 2 - small;
                            nextFactor = broken.FirstLonger ? small : large;
                            return broken.FirstLonger ? large : small;
                        }
                    default:
                        return null;
                }
            }
            return null;
        }

        /// <summary>The duration of a note-like element: unit × written length × broken rhythm × tuplets.</summary>
        private static Rational Duration(VoiceState voice, Rational multiplier, IReadOnlyList<AbcElement> elements, int index)
        {
            var duration = voice.Unit * multiplier;
            if (voice.PendingBrokenFactor is { } pending)
            {
                duration *= pending;
                voice.PendingBrokenFactor = null;
            }
            if (BrokenFactorAfter(elements, index, out var next) is { } factor)
            {
                duration *= factor;
                voice.PendingBrokenFactor = next;
            }
            for (var t = voice.Tuplets.Count - 1; t >= 0; t--)
            {
                var (tupletFactor, remaining) = voice.Tuplets[t];
                duration *= tupletFactor;
                if (remaining <= 1)
                    voice.Tuplets.RemoveAt(t);
                else
                    voice.Tuplets[t] = (tupletFactor, remaining - 1);
            }
            return duration;
        }

        private void Chord(VoiceState voice, AbcChord chord, IReadOnlyList<AbcElement> elements, int index)
        {
            var notes = chord.Notes.ToList();
            if (notes.Count == 0)
            {
                // A chord of rests only ([xx]) takes time like a rest.
                var rest = chord.Items.OfType<AbcRest>().FirstOrDefault();
                if (rest is not null)
                    Rest(voice, rest with { Length = new AbcLength(rest.Length.Multiplier * chord.Length.Multiplier) }, elements, index);
                return;
            }
            // The chord lasts as long as its first note (ABC 2.1); each note sounds for its own written length.
            Group(voice, notes, chord.Length.Multiplier * notes[0].Length.Multiplier, elements, index, chord.Position, chord);
        }

        private void Group(VoiceState voice, IReadOnlyList<AbcNote> notes, Rational multiplier, IReadOnlyList<AbcElement> elements, int index, AbcPosition position, AbcChord? chord = null)
        {
            CountNotes(voice, notes.Count, position);
            voice.MarkContent(position);
            var onset = voice.Time;
            var duration = Duration(voice, multiplier, elements, index);
            var scale = multiplier.IsZero ? Rational.One : duration / multiplier; // unit × broken × tuplet factors
            var openTies = voice.OpenTies;
            var carry = voice.TieCarry;
            voice.OpenTies = [];
            voice.TieCarry = [];
            var group = new List<(int, int, (char, int), int)>();
            foreach (var note in notes)
            {
                var noteDuration = chord is null ? duration : scale * chord.Length.Multiplier * note.Length.Multiplier;
                var sounded = Sound(voice, note, onset, noteDuration, openTies, carry);
                if (sounded is { } s)
                {
                    group.Add(s);
                    if (chord is not null && IsTiedInChord(chord, note))
                    {
                        voice.OpenTies.Add((s.Pitch, s.NoteIndex));
                        voice.TieCarry[s.Key] = s.Alteration;
                    }
                }
            }
            voice.LastGroup = group;
            voice.Time = onset + duration;
        }

        private static bool IsTiedInChord(AbcChord chord, AbcNote note)
        {
            var items = chord.Items;
            for (var i = 0; i < items.Count; i++)
            {
                if (!ReferenceEquals(items[i], note))
                    continue;
                return i + 1 < items.Count && items[i + 1] is AbcTie;
            }
            return false;
        }

        private (int NoteIndex, int Pitch, (char, int) Key, int Alteration)? Sound(
            VoiceState voice, AbcNote note, Rational onset, Rational duration,
            List<(int Pitch, int NoteIndex)> openTies, Dictionary<(char, int), int> carry)
        {
            var pitch = note.Pitch;
            var stepKey = (pitch.Step, pitch.Octave);
            int alteration;
            if (pitch.Accidental.Kind == AbcAccidentalKind.Microtonal)
            {
                diagnostics.Error(note.Position, $"microtonal accidental '{pitch.Accidental.Text}' cannot be played as a MIDI pitch; the note is left out");
                return null;
            }
            if (pitch.Accidental.Semitones is { } written)
            {
                alteration = written;
                voice.BarAccidentals[stepKey] = written;
            }
            else if (carry.TryGetValue(stepKey, out var carried))
            {
                alteration = carried;
            }
            else if (voice.BarAccidentals.TryGetValue(stepKey, out var inBar))
            {
                alteration = inBar;
            }
            else
            {
                alteration = voice.Key.AlterationOf(pitch.Step);
            }
            var midi = pitch.NaturalMidi + alteration + voice.Transpose + 12 * voice.OctaveShift;
            if (midi is < 0 or > 127)
            {
                diagnostics.Error(note.Position, $"note '{pitch}' sounds at MIDI {midi}, outside 0..127; the note is left out");
                return null;
            }
            if (duration.IsZero || duration.IsNegative)
                return null;
            _ = onset + duration; // the note's end must be representable (overflow is caught per element)
            var open = openTies.FindIndex(t => t.Pitch == midi);
            if (open >= 0)
            {
                var tied = openTies[open].NoteIndex;
                var builder = voice.Notes[tied];
                builder.Duration = onset + duration - builder.Onset;
                openTies.RemoveAt(open);
                return (tied, midi, stepKey, alteration);
            }
            voice.Notes.Add(new NoteBuilder(voice.Bars.Count, onset, duration, midi, voice.Velocity, note.Position));
            return (voice.Notes.Count - 1, midi, stepKey, alteration);
        }

        /// <summary>
        /// Records a field in the voice it belongs to: a V: field in the voice it selects, other fields in the current
        /// voice once there is one (a field before any music names no voice yet).
        /// </summary>
        private void MarkField(AbcInlineField field)
        {
            if (field.Letter is 'K' or 'M' or 'L' or 'Q' or 'V' or 'I' && current is not null)
                current.Mark(field);
        }

        /// <summary>Sounding pitches of grace notes: the key and the bar's accidentals apply; their own accidentals do not carry on.</summary>
        private static List<int> GracePitches(VoiceState voice, AbcGraceGroup grace)
        {
            var pitches = new List<int>();
            foreach (var note in grace.Items.SelectMany(i => i switch { AbcNote n => [n], AbcChord c => c.Notes, _ => [] }))
            {
                var pitch = note.Pitch;
                if (pitch.Accidental.Kind == AbcAccidentalKind.Microtonal)
                    continue;
                var alteration = pitch.Accidental.Semitones
                    ?? (voice.BarAccidentals.TryGetValue((pitch.Step, pitch.Octave), out var inBar) ? inBar : voice.Key.AlterationOf(pitch.Step));
                var midi = pitch.NaturalMidi + alteration + voice.Transpose + 12 * voice.OctaveShift;
                if (midi is >= 0 and <= 127)
                    pitches.Add(midi);
            }
            return pitches;
        }

        private static void TieLastGroup(VoiceState voice)
        {
            foreach (var (noteIndex, pitch, stepKey, alteration) in voice.LastGroup)
            {
                if (!voice.OpenTies.Contains((pitch, noteIndex)))
                    voice.OpenTies.Add((pitch, noteIndex));
                voice.TieCarry[stepKey] = alteration;
            }
        }

        private void Rest(VoiceState voice, AbcRest rest, IReadOnlyList<AbcElement> elements, int index)
        {
            CountNotes(voice, 1, rest.Position);
            voice.MarkContent(rest.Position);
            var duration = Duration(voice, rest.Length.Multiplier, elements, index);
            voice.Mark(rest, duration: duration);
            voice.Time += duration;
            voice.OpenTies = [];
            voice.TieCarry = [];
            voice.LastGroup = [];
        }

        private static void MultiMeasureRest(VoiceState voice, AbcMultiMeasureRest rest)
        {
            var bars = Math.Max(rest.Bars, 1);
            for (var b = 0; b < bars; b++)
            {
                if (b > 0)
                    voice.EndBar(null);
                voice.MarkContent(rest.Position);
                voice.Time += voice.Meter.BarLength;
            }
            voice.OpenTies = [];
            voice.TieCarry = [];
            voice.LastGroup = [];
        }
    }
}
