using System.Runtime.CompilerServices;

namespace NotaGen.Music.MusicXml;

/// <summary>Notes, rests, chords, grace notes, ties, tuplets, accidentals and note decorations.</summary>
internal sealed partial class PartReader
{
    private static readonly (string Path, string Abc)[] Ornaments =
    [
        // Sorted by path, the order the reference writes them in.
        ("arpeggiate", "!arpeggio!"),
        ("articulations/accent", "!>!"),
        ("articulations/breath-mark", "!breath!"),
        ("articulations/detached-legato", "!tenuto!."),
        ("articulations/scoop", "!slide!"),
        ("articulations/spiccato", "!wedge!"),
        ("articulations/staccatissimo", "!wedge!"),
        ("articulations/staccato", "."),
        ("articulations/strong-accent", "!^!"),
        ("articulations/tenuto", "!tenuto!"),
        ("fermata", "!fermata!"),
        ("ornaments/inverted-mordent", "P"),
        ("ornaments/inverted-turn", "!invertedturn!"),
        ("ornaments/mordent", "M"),
        ("ornaments/trill-mark", "T"),
        ("ornaments/turn", "!turn!"),
        ("technical/down-bow", "v"),
        ("technical/harmonic", "!open!"),
        ("technical/open-string", "!open!"),
        ("technical/snap-pizzicato", "!snap!"),
        ("technical/stopped", "!plus!"),
        ("technical/thumb-position", "!thumb!"),
        ("technical/up-bow", "u"),
    ];

    private static readonly Dictionary<string, int> AccidentalAlteration = new()
    {
        ["double-flat"] = -2,
        ["flat-flat"] = -2,
        ["flat"] = -1,
        ["natural"] = 0,
        ["sharp"] = 1,
        ["sharp-sharp"] = 2,
        ["double-sharp"] = 2,
    };

    private static readonly string[] AccidentalText = ["__", "_", "=", "^", "^^"];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadNote(TreeElement n)
    {
        var note = new NoteItem();
        var v = VoiceOf(n);
        CountNote(v);
        var chord = n.Find("chord") is not null;
        var step = NonEmpty(n.FindText("pitch/step")) ?? NonEmpty(n.FindText("unpitched/display-step"));
        var octave = NonEmpty(n.FindText("pitch/octave")) ?? NonEmpty(n.FindText("unpitched/display-octave"));
        var isRest = n.Find("rest") is not null;
        var actual = n.FindText("time-modification/actual-notes");
        if (!string.IsNullOrEmpty(actual))
            note.Factor = (ReadCount(actual, "actual-notes"), ReadCount(n.FindText("time-modification/normal-notes"), "normal-notes"));
        foreach (var tuplet in n.FindAll("notations/tuplet"))
            note.TupletMarks.Add(tuplet.Attr("type"));
        var durationText = n.FindText("duration");
        var grace = n.Find("grace");
        note.Grace = grace is not null;
        if (note.Grace && !score.InGrace)
        {
            score.InGrace = true;
            note.Before = ["{"];
            if (grace!.Value.Attr("slash") == "yes")
                note.Before.Add("/");
        }
        var stopGrace = !note.Grace && score.InGrace;
        if (stopGrace)
        {
            score.InGrace = false;
            if (score.LastNote is not null)
                score.LastNote.After += "}";
        }
        if (durationText is null || note.Grace)
            durationText = "0";
        var invisible = n.Attr("print-object") == "no";
        if (!isRest && invisible)
        {
            if (chord)
                return;
            isRest = true; // an invisible note that takes time becomes an invisible rest
        }
        // Negative durations occur in real exports; they are kept (and clamped at the measure start) like the reference does.
        if (!XmlText.TryInt(durationText, out var duration) || Math.Abs(duration) > MaxDuration)
            throw Error($"note duration '{durationText}' is not a usable number of divisions");
        note.Duration = duration;
        if (!isRest && (step is null || octave is null))
            (step, octave) = ("E", "5"); // a pitchless note: the reference puts it on E5
        var isTab = currentClef.TryGetValue(currentStaff[v], out var clefNow) && clefNow.StartsWith("tab", StringComparison.Ordinal);
        if (n.Find("notations") is { } notations)
            ReadNotations(note, notations);
        if (n.Find("accidental") is { } accidentalElement && accidentalElement.Attr("parentheses") == "yes")
            note.NoteDecoration += "!courtesy!";
        string abc;
        if (isRest)
            abc = invisible || isTab ? "x" : "z";
        else
            abc = PitchToAbc(step!, octave!, n, v);
        if (n.Find("unpitched") is not null)
        {
            var head = (n.FindText("notehead") ?? "").Replace(' ', '-');
            var bare = abc.Replace("^", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
            if (head == "x")
                abc = "^" + bare;
            if (head is "circle-x" or "diamond" or "triangle")
                abc = "_" + bare;
        }
        if (HasTie(n, "start"))
            abc += "-";
        note.Beam = ContinuedBeams(n) + (note.Grace ? 1 : 0);
        if (chord && score.LastNote is { } last)
        {
            foreach (var d in note.Before)
            {
                if (!last.Before.Contains(d))
                    last.Before.Add(d);
            }
            last.Pitches.Add(note.NoteDecoration + abc);
        }
        else
        {
            var xmlStaff = StaffOf(n);
            if (currentStaff[v] != xmlStaff)
            {
                var move = xmlStaff - currentStaff[v];
                currentStaff[v] = xmlStaff;
                AppendText(v, $"[I:staff {(move > 0 ? "+" : "")}{move}]");
            }
            note.Pitches.Add(note.NoteDecoration + abc);
            AppendItem(v, note, note.Duration);
            score.LastNote = note;
            if (abc is not ("z" or "x"))
                noteCount[v]++;
        }
        foreach (var slur in n.FindAll("notations/slur"))
            MatchSlur(slur.Attr("type"), slur.AttrOrNull("number") ?? "1", v, score.LastNote!, note.Grace, stopGrace);
    }

    /// <summary>Whether a <c>&lt;tie&gt;</c> or a <c>&lt;notations&gt;&lt;tied&gt;</c> of the note has this type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasTie(TreeElement n, string type)
    {
        foreach (var tie in n.Elements("tie"))
        {
            if (tie.Attr("type") == type)
                return true;
        }
        foreach (var tied in n.FindAll("notations/tied"))
        {
            if (tied.Attr("type") == type)
                return true;
        }
        return false;
    }

    /// <summary>The note's <c>&lt;beam&gt;</c>s that continue or end a beam.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ContinuedBeams(TreeElement n)
    {
        var count = 0;
        foreach (var beam in n.Elements("beam"))
        {
            if (beam.TextIs("continue") || beam.TextIs("end"))
                count++;
        }
        return count;
    }

    private int ReadCount(string? text, string what)
    {
        if (!XmlText.TryInt(text, out var value) || value is < 1 or > 1000)
            throw Error($"<{what}> '{text}' is not a tuplet count between 1 and 1000");
        return (int)value;
    }

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadNotations(NoteItem note, TreeElement notations)
    {
        foreach (var (path, abc) in Ornaments)
        {
            if (notations.Find(path) is not null)
                note.Before.Add(abc);
        }
        if (notations.Find("ornaments/tremolo") is { } tremolo)
        {
            var type = tremolo.Attr("type");
            XmlText.TryInt(tremolo.Text, out var strokes);
            var marks = new string('/', (int)Math.Clamp(strokes, 0, 8));
            if (type == "single")
                note.Before.Insert(0, $"!{marks}!");
            else
            {
                note.Factor = null; // a two-note tremolo has no ABC time modification
                if (type == "start")
                    note.Before.Insert(0, $"!{marks}-!");
            }
        }
        foreach (var finger in notations.FindAll("technical/fingering"))
            note.Before.Add($"!{finger.Text}!");
        if (notations.Find("ornaments/wavy-line") is { } wavy)
        {
            var type = wavy.Attr("type");
            if (type == "start")
                note.Before.Insert(0, "!trill(!");
            else if (type == "stop")
                note.Before.Insert(0, "!trill)!");
        }
        if ((notations.Find("glissando") ?? notations.Find("slide")) is { } glissando)
        {
            var line = glissando.Attr("line-type") == "wavy" ? "~" : "-";
            var type = glissando.Attr("type");
            if (type == "start")
                note.Before.Insert(0, $"!{line}(!");
            else if (type == "stop")
                note.Before.Insert(0, $"!{line})!");
        }
    }

    private void MatchSlur(string type, string number, int v, NoteItem note, bool grace, bool stopGrace)
    {
        if (type is not ("start" or "stop"))
            return;
        if (score.OpenSlurs.TryGetValue(number, out var open))
        {
            if (open.Type != type)
            {
                if (open.Voice == v && open.Type == "start" && (!open.Grace || !stopGrace))
                {
                    open.Note.Before.Insert(0, "(");
                    note.After += ")";
                }
                score.OpenSlurs.Remove(number);
            }
            else
                score.OpenSlurs[number] = (type, v, note, grace);
        }
        else
            score.OpenSlurs[number] = (type, v, note, grace);
    }

    /// <summary>
    /// The ABC note for a MusicXML pitch. Accidentals are written when the notated accidental says so, or when the
    /// sounding alteration differs from what the key and earlier accidentals in the bar imply.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string PitchToAbc(string step, string octaveText, TreeElement n, int v)
    {
        if (!XmlText.TryInt(octaveText, out var octave) || octave is < -2 or > 12)
            throw Error($"octave '{octaveText}' is out of range");
        if (step.Length != 1 || "CDEFGAB".IndexOf(step[0], StringComparison.Ordinal) < 0)
            throw Error($"pitch step '{step}' is not one of C D E F G A B");
        octave += clefOctave.GetValueOrDefault(currentStaff[v]);
        var accidental = n.FindText("accidental");
        var alter = n.FindText("pitch/alter");
        var p = WithOctave(step, octave);
        if (alter is null && score.KeyAlterations.GetValueOrDefault(step) != 0)
            alter = "0";
        if (alter is null && passingAlterations.ContainsKey((p, v)))
            alter = "0";
        if (accidental is null && alter is null)
            return p;
        int alt;
        if (accidental is not null && AccidentalAlteration.TryGetValue(accidental, out var notated))
            alt = notated;
        else
        {
            if (alter is null)
                return p; // an accidental we cannot write (quarter tones) and no alteration
            if (!XmlText.TryNumber(alter, out var alterValue) || Math.Abs(alterValue) > 3)
                throw Error($"pitch alter '{alter}' is not a small number");
            alt = (int)Math.Truncate(alterValue);
            if (passingAlterations.TryGetValue((p, v), out var before))
            {
                if (alt == before)
                    return p;
            }
            else if (alt == score.KeyAlterations.GetValueOrDefault(step))
                return p;
            if (HasTie(n, "stop"))
                return p; // a tied-over note keeps the accidental of its start
        }
        passingAlterations[(p, v)] = alt;
        var index = alt + 2;
        if (index < 0)
            index += AccidentalText.Length; // the reference indexes from the end here
        if (index is < 0 or >= 5)
            throw Error($"alteration {alt} cannot be written in ABC");
        return AccidentalText[index] + p;
    }

    private static string WithOctave(string step, long octave)
    {
        var p = octave > 4 ? step.ToLowerInvariant() : step;
        if (octave > 5)
            p += new string('\'', (int)(octave - 5));
        if (octave < 4)
            p += new string(',', (int)(4 - octave));
        return p;
    }
}
