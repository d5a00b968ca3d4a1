using NotaGen.Music.Midi;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Music.Tests.Midi;

/// <summary>
/// Seeded mutations of real corpus files: the reader must return a file or throw <see cref="MusicFormatException"/>,
/// never anything else, and never hang (every mutation is finite input read in one linear pass).
/// </summary>
public class SmfFuzzTests
{
    private const int Seed = 20261124;
    private const int FilesSampled = 40;
    private const int MutationsPerFile = 60;

    [SkippableFact]
    public void MutatedCorpusFilesOnlyEverThrowMusicFormatException()
    {
        var random = new Random(Seed);
        var files = SharedData.Files("corpus/midi", ".mid");
        var sample = files.OrderBy(_ => random.Next()).Take(FilesSampled).ToList();
        int accepted = 0, rejected = 0;
        var crashes = new List<string>();
        foreach (var path in sample)
        {
            var original = File.ReadAllBytes(path);
            for (var m = 0; m < MutationsPerFile; m++)
            {
                var mutated = ByteMutations.Mutate(original, random, Mutations, out var how);
                try
                {
                    SmfReader.Parse(mutated, path);
                    accepted++;
                }
                catch (MusicFormatException error)
                {
                    Assert.Contains(path, error.Message, StringComparison.Ordinal);
                    rejected++;
                }
                catch (Exception error)
                {
                    crashes.Add($"{path} after {how}: {error.GetType().Name}: {error.Message}");
                }
            }
        }
        Assert.True(crashes.Count == 0, string.Join('\n', crashes.Take(20)));
        // Both outcomes must occur, or the mutations are not exercising the reader.
        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}");
    }

    private static readonly ByteMutations.Mutation[] Mutations =
    [
        ByteMutations.Truncate, ByteMutations.FlipBit, ByteMutations.WriteFF, ByteMutations.ClearTopBit,
        ByteMutations.InsertJunk, ByteMutations.DeleteByte, OverwriteChunkLength,
    ];

    /// <summary>Aims at a chunk length field: the most dangerous place for a reader that trusts its input.</summary>
    private static byte[] OverwriteChunkLength(byte[] bytes, int at, Random random, out string how)
    {
        var chunk = IndexOfChunk(bytes, random);
        how = $"overwriting the chunk length at {chunk + 4}";
        if (chunk >= 0 && chunk + 8 <= bytes.Length)
            random.NextBytes(bytes.AsSpan(chunk + 4, 4));
        return bytes;
    }

    private static int IndexOfChunk(byte[] bytes, Random random)
    {
        var positions = new List<int>();
        for (var i = 0; i + 4 <= bytes.Length; i++)
        {
            if (bytes[i] == 'M' && bytes[i + 1] == 'T' && (bytes[i + 2] == 'r' || bytes[i + 2] == 'h'))
                positions.Add(i);
        }
        return positions.Count == 0 ? -1 : positions[random.Next(positions.Count)];
    }
}
