using NotaGen.Music.Midi;
using NotaGen.Music.Midi.Import;
using Xunit;

namespace NotaGen.Music.Tests.Midi.Import;

/// <summary>An import given up on (folder mode's per-file time limit) stops between its steps and per part and voice.</summary>
public class MidiImportCancellationTests
{
    [Fact]
    public void Importing_stops_when_the_token_is_cancelled_and_runs_to_the_end_without_it()
    {
        var events = new List<MidiEvent>();
        for (var n = 0; n < 2_000; n++)
        {
            events.Add(new NoteOnEvent(n * 240L, 0, 60 + (n % 12), 64));
            events.Add(new NoteOffEvent((n * 240L) + 240, 0, 60 + (n % 12)));
        }
        var file = new MidiFile(0, 480, [new MidiTrack(events.OrderBy(e => e.Tick).ToList())]);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => MidiToAbc.Convert(file, "long.mid", cancel: cancel.Token));
        Assert.Contains("|", MidiToAbc.Convert(file, "long.mid").Abc, StringComparison.Ordinal);
    }
}
