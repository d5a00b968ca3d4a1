using System.Xml.Linq;
using NotaGen.Music.Abc.Syntax;

namespace NotaGen.Music.MusicXml;

// What attaches to written notes once a voice is laid out: decorations, slurs and tuplet brackets.
internal sealed partial class VoicePartWriter
{
    /// <summary>Decorations that mark a note (articulations, ornaments, fermatas, ...) on the note or rest at their time.</summary>
    private void AttachNoteMarks()
    {
        foreach (var mark in voice.Marks)
        {
            if (mark.Element is not AbcDecoration decoration || DecorationNotation.ForNote(decoration.StandardName) is not { } noteMark)
                continue;
            if (!starts.TryGetValue((mark.Bar, mark.Onset), out var targets))
                continue;
            var isRest = targets[0].Element("rest") is not null;
            if (isRest && noteMark.Element.Name != "fermata")
                continue;
            foreach (var target in noteMark.OnEveryChordNote ? targets : targets.Take(1))
            {
                var notations = Notations(target);
                var element = new XElement(noteMark.Element);
                if (noteMark.Group is { } group)
                {
                    var holder = notations.Element(group);
                    if (holder is null)
                        notations.Add(holder = new XElement(group));
                    holder.Add(element);
                }
                else
                    notations.Add(element);
            }
        }
    }
    /// <summary>
    /// Slurs from the note at each '(' to the note that ends at the matching ')'; numbered by nesting depth with
    /// MusicXML's numbers 1–16 (deeper slurs are left out). Free numbers are kept in a set, so thousands of unclosed
    /// '(' cost linear time (a search of the open slurs for each new one was cubic: 4 KB of '(' took a minute).
    /// </summary>
    private void AttachSlurs()
    {
        const int Unnumbered = int.MaxValue;
        var open = new Stack<(XElement? Start, int Number)>();
        var free = new SortedSet<int>(Enumerable.Range(1, 16));
        foreach (var mark in voice.Marks)
        {
            if (mark.Element is not AbcSlur slur)
                continue;
            if (slur.Opening)
            {
                var number = free.Count > 0 ? free.Min : Unnumbered;
                free.Remove(number);
                var start = starts.TryGetValue((mark.Bar, mark.Onset), out var targets) && targets[0].Element("rest") is null ? targets[0] : null;
                open.Push((start, number));
                continue;
            }
            if (open.Count == 0)
                continue;
            var (from, n) = open.Pop();
            if (n != Unnumbered)
                free.Add(n);
            var stop = ends.GetValueOrDefault((mark.Bar, mark.Onset)) ?? ends.GetValueOrDefault((mark.Bar - 1, mark.Onset));
            if (from is null || stop is null || ReferenceEquals(from, stop) || n == Unnumbered)
                continue;
            Notations(from).Add(new XElement("slur", new XAttribute("type", "start"), new XAttribute("number", n)));
            Notations(stop).Add(new XElement("slur", new XAttribute("type", "stop"), new XAttribute("number", n)));
        }
    }
    /// <summary>
    /// Brackets every run of consecutive notes and rests of one voice that share a time modification with tuplet
    /// start and stop marks. Without them a reader (xml2abc, and ours after it) runs a tuplet on over every following
    /// note with any time modification and takes the first note's ratio for all, which changes the durations of mixed
    /// tuplets (a 3:2 run followed by a 6:4 one).
    /// </summary>
    private static void MarkTuplets(List<XElement> measure)
    {
        var run = new List<XElement>();
        (string, string)? factor = null;
        string? voiceOfRun = null;
        void Close()
        {
            if (run.Count > 0)
            {
                Notations(run[0]).Add(new XElement("tuplet", new XAttribute("type", "start")));
                Notations(run[^1]).Add(new XElement("tuplet", new XAttribute("type", "stop")));
            }
            run.Clear();
            factor = null;
        }
        foreach (var element in measure)
        {
            if (element.Name != "note")
            {
                if (element.Name != "direction")
                    Close(); // <backup> and <forward> end a run
                continue;
            }
            if (element.Element("chord") is not null || element.Element("grace") is not null)
                continue; // a chord's marks sit on its first note
            var modification = element.Element("time-modification");
            var voiceNumber = (string?)element.Element("voice");
            var current = modification is null ? ((string, string)?)null : (modification.Element("actual-notes")!.Value, modification.Element("normal-notes")!.Value);
            if (current != factor || voiceNumber != voiceOfRun)
                Close();
            if (current is not null)
            {
                run.Add(element);
                factor = current;
                voiceOfRun = voiceNumber;
            }
        }
        Close();
    }
}
