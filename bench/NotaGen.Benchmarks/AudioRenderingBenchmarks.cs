using BenchmarkDotNet.Attributes;
using NotaGen.Audio.Synthesis;
using NotaGen.Music.Events;
using NotaGen.Music.Time;

namespace NotaGen.Benchmarks;

/// <summary>
/// The built-in synthesizer on a 3-minute, 4-voice piece (eighth notes at 1/4=120: 2,880 notes). Seconds of audio
/// per second of CPU = 180 / mean time. Run: dotnet run -c Release --project bench/NotaGen.Benchmarks -- --filter *AudioRendering*
/// </summary>
[MemoryDiagnoser]
public class AudioRenderingBenchmarks
{
    private ScoreEvents piece = null!;

    [Params("Violin,Flute,Clarinet,Violoncello", "Piano,Piano,Piano,Piano")]
    public string Instruments { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var names = Instruments.Split(',');
        int[] scale = [0, 2, 4, 5, 7, 9, 11, 12];
        var notes = new List<NoteEvent>();
        for (var i = 0; i < 90 * 8; i++)
        {
            for (var v = 0; v < names.Length; v++)
                notes.Add(new NoteEvent($"V{v}", i / 8, new Rational(i, 8), new Rational(1, 8), 72 - 12 * v + scale[i * (v + 1) % 8], 70));
        }
        piece = new ScoreEvents(
            names.Select((n, v) => new VoiceInfo($"V{v}", n)).ToList(), notes,
            [new TempoEvent(Rational.Zero, new Rational(1, 4), 120)], [new MeterEvent(Rational.Zero, 4, 4)], [])
        { End = 90 };
    }

    [Benchmark]
    public int RenderThreeMinutes() => new BuiltInSynthesizer().Render(piece).FrameCount;
}
