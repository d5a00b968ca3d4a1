using NotaGen.Audio.Mixing;
using NotaGen.Audio.Wav;
using NotaGen.Music.Events;
using NotaGen.Music.Midi;

namespace NotaGen.Audio.Synthesis;

/// <summary>
/// Renders a performance to 16-bit stereo PCM with the sounds of <see cref="TimbreLibrary"/>: each note is
/// synthesised alone (mono), placed in the stereo field by its part, and mixed; <see cref="StereoMix"/> then
/// normalises the mix, so nothing clips however many voices sound together. Deterministic: same input, same samples.
/// </summary>
public sealed class BuiltInSynthesizer(int sampleRate = PcmAudio.CdSampleRate)
{
    public int SampleRate => sampleRate;

    public PcmAudio Render(MidiFile file, CancellationToken cancel = default) => Render(Performance.FromMidi(file), cancel);

    public PcmAudio Render(ScoreEvents score, CancellationToken cancel = default) => Render(Performance.FromScore(score), cancel);

    /// <summary>Notes synthesised in parallel before being mixed, in order, into the piece.</summary>
    private const int BatchSize = 64;

    /// <param name="cancel">Checked before each batch of notes: a long piece can be given up mid-way.</param>
    public PcmAudio Render(Performance performance, CancellationToken cancel = default)
    {
        var frames = StereoMix.FramesFor(performance.Length, sampleRate);
        var left = new float[frames];
        var right = new float[frames];
        var pans = Enumerable.Range(0, performance.PartCount)
            .Select(p => StereoPlacement.Gains(StereoPlacement.Position(p, performance.PartCount)))
            .ToArray();

        // Each note depends only on itself, so notes render in parallel; mixing stays sequential and in note order,
        // which keeps the floating-point sums, and so the output, identical from run to run and machine to machine.
        var buffers = new float[BatchSize][];
        var lengths = new int[BatchSize];
        for (var first = 0; first < performance.Notes.Count; first += BatchSize)
        {
            cancel.ThrowIfCancellationRequested();
            var count = Math.Min(BatchSize, performance.Notes.Count - first);
            Parallel.For(0, count, k => lengths[k] = RenderNote(performance.Notes[first + k], first + k, frames, ref buffers[k]));
            for (var k = 0; k < count; k++)
            {
                if (lengths[k] == 0)
                    continue;
                var note = performance.Notes[first + k];
                var start = StartFrame(note);
                var (gainLeft, gainRight) = pans[note.Part];
                var buffer = buffers[k].AsSpan(0, lengths[k]);
                var outLeft = left.AsSpan(start, buffer.Length);
                var outRight = right.AsSpan(start, buffer.Length);
                for (var i = 0; i < buffer.Length; i++)
                {
                    outLeft[i] += buffer[i] * gainLeft;
                    outRight[i] += buffer[i] * gainRight;
                }
            }
        }

        return StereoMix.Finish(left, right, frames, sampleRate);
    }

    private int StartFrame(PerformedNote note) => (int)Math.Round(note.Start * sampleRate);

    /// <summary>Synthesises one note into <paramref name="buffer"/> (grown as needed); returns its length in frames.</summary>
    private int RenderNote(PerformedNote note, int index, int frames, ref float[] buffer)
    {
        var sound = TimbreLibrary.For(note.Program, note.IsPercussion);
        var start = StartFrame(note);
        if (start >= frames)
            return 0;
        var held = Math.Max(1, (int)Math.Round(note.Duration * sampleRate));
        var length = (int)Math.Min((long)held + (int)(sound.ReleaseSeconds * sampleRate), frames - start);
        if (buffer is null || buffer.Length < length)
            buffer = new float[length];
        var span = buffer.AsSpan(0, length);
        span.Clear();

        var velocity = MathF.Pow(note.Velocity / 127f, 1.5f);
        var seed = (ulong)index * 0x9E3779B97F4A7C15UL ^ (ulong)note.Key;
        sound.Render(new NoteRequest(note.Key, NoteRequest.FrequencyOf(note.Key), velocity, held, sampleRate, seed), span);
        return length;
    }
}
