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

    public PcmAudio Render(MidiFile file) => Render(Performance.FromMidi(file));

    public PcmAudio Render(ScoreEvents score) => Render(Performance.FromScore(score));

    public PcmAudio Render(Performance performance)
    {
        var frames = StereoMix.FramesFor(performance.Length, sampleRate);
        var left = new float[frames];
        var right = new float[frames];
        var scratch = Array.Empty<float>();
        var pans = Enumerable.Range(0, performance.PartCount)
            .Select(p => StereoPlacement.Gains(StereoPlacement.Position(p, performance.PartCount)))
            .ToArray();

        for (var index = 0; index < performance.Notes.Count; index++)
        {
            var note = performance.Notes[index];
            var sound = TimbreLibrary.For(note.Program, note.IsPercussion);
            var start = (int)Math.Round(note.Start * sampleRate);
            if (start >= frames)
                continue;
            var held = Math.Max(1, (int)Math.Round(note.Duration * sampleRate));
            var length = (int)Math.Min((long)held + (int)(sound.ReleaseSeconds * sampleRate), frames - start);
            if (scratch.Length < length)
                scratch = new float[Math.Max(length, scratch.Length * 2)];
            var buffer = scratch.AsSpan(0, length);
            buffer.Clear();

            var velocity = MathF.Pow(note.Velocity / 127f, 1.5f);
            var seed = (ulong)index * 0x9E3779B97F4A7C15UL ^ (ulong)note.Key;
            sound.Render(new NoteRequest(note.Key, NoteRequest.FrequencyOf(note.Key), velocity, held, sampleRate, seed), buffer);

            var (gainLeft, gainRight) = pans[note.Part];
            var outLeft = left.AsSpan(start, length);
            var outRight = right.AsSpan(start, length);
            for (var i = 0; i < length; i++)
            {
                outLeft[i] += buffer[i] * gainLeft;
                outRight[i] += buffer[i] * gainRight;
            }
        }

        return StereoMix.Finish(left, right, frames, sampleRate);
    }
}
