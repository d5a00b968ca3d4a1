using System.Diagnostics;
using NotaGen.Audio.Mixing;
using NotaGen.Audio.Wav;
using NotaGen.Music.IO;

namespace NotaGen.Audio.Rendering;

/// <summary>
/// Renders MIDI files with the FluidSynth program and a General MIDI SoundFont, found on PATH and in the places
/// Debian's SoundFont packages install to (or <c>NOTAGEN_SOUNDFONT</c>).
/// </summary>
public static class FluidSynthRenderer
{
    private static readonly string[] SoundFontCandidates =
    [
        "/usr/share/sounds/sf2/TimGM6mb.sf2",
        "/usr/share/sounds/sf2/default-GM.sf2",
        "/usr/share/sounds/sf2/FluidR3_GM.sf2",
        "/usr/share/soundfonts/default.sf2",
    ];

    public static string? FindProgram() => ExecutableSearch.Find("fluidsynth");

    public static string? FindSoundFont()
    {
        var configured = Environment.GetEnvironmentVariable("NOTAGEN_SOUNDFONT");
        if (!string.IsNullOrWhiteSpace(configured))
            return File.Exists(configured) ? configured : null;
        return SoundFontCandidates.FirstOrDefault(File.Exists);
    }

    public static bool IsAvailable => FindProgram() is not null && FindSoundFont() is not null;

    /// <summary>
    /// Renders <paramref name="midiPath"/> to a 44.1 kHz 16-bit stereo WAV, written atomically. FluidSynth plays on
    /// until its reverb dies (seconds past the end), so the result is cut to <paramref name="lengthSeconds"/> plus
    /// the tail every rendering gets, and normalised like the built-in synthesizer's (TimGM6mb renders at about −20 dBFS).
    /// </summary>
    /// <exception cref="AudioRenderingException">FluidSynth is missing, fails, or runs past the time limit.</exception>
    /// <param name="cancel">Stops FluidSynth (the process is killed) and leaves no file.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was cancelled.</exception>
    public static void Render(string midiPath, string wavPath, double lengthSeconds, TimeSpan? timeout = null, CancellationToken cancel = default)
    {
        var program = FindProgram() ?? throw new AudioRenderingException(
            "FluidSynth is not installed (Debian package fluidsynth); use the built-in synthesizer instead.");
        var soundFont = FindSoundFont() ?? throw new AudioRenderingException(
            "No General MIDI SoundFont found (Debian package timgm6mb-soundfont, or set NOTAGEN_SOUNDFONT).");

        var target = Path.GetFullPath(wavPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp.wav");
        try
        {
            var info = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            // -n: no MIDI driver, -i: no shell, -C 0: no chorus (it detunes), -F: render to file as fast as possible; 16-bit WAV at 44.1 kHz.
            foreach (var argument in new[] { "-n", "-i", "-q", "-C", "0", "-F", temp, "-r", "44100", "-T", "wav", "-O", "s16", soundFont, Path.GetFullPath(midiPath) })
                info.ArgumentList.Add(argument);
            cancel.ThrowIfCancellationRequested();
            using var process = Process.Start(info) ?? throw new AudioRenderingException("FluidSynth could not be started.");
            using var stop = cancel.Register(() => Kill(process));
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new AudioRenderingException($"FluidSynth ran longer than {(timeout ?? TimeSpan.FromMinutes(5)).TotalSeconds:0} s on {midiPath}.");
            }
            process.WaitForExit();
            cancel.ThrowIfCancellationRequested();
            if (process.ExitCode != 0 || !File.Exists(temp) || new FileInfo(temp).Length <= 44)
            {
                throw new AudioRenderingException(
                    $"FluidSynth failed on {midiPath} (exit code {process.ExitCode}): {stderr.Result.Trim()} {stdout.Result.Trim()}".Trim());
            }
            WavWriter.WriteFile(StereoMix.Finish(WavReader.ReadFile(temp), lengthSeconds), target);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }
}
