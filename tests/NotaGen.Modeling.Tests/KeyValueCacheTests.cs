using NotaGen.Modeling.Caching;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests;

public class KeyValueCacheTests
{
    [Fact]
    public void Growing_buffers_keep_every_appended_entry_in_order()
    {
        using var scope = NewDisposeScope();
        using var cache = new LayerKeyValueCache(initialCapacity: 2);
        var generator = new Generator(1);
        var keys = new List<Tensor>();
        var values = new List<Tensor>();
        (Tensor Keys, Tensor Values)? last = null;
        foreach (var length in new[] { 1, 3, 1, 1, 4 })
        {
            var k = randn([2, 3, length, 4], generator: generator);
            var v = randn([2, 3, length, 4], generator: generator);
            keys.Add(k);
            values.Add(v);
            last = cache.Append(k, v);
        }
        Assert.Equal(10, cache.Length);
        Assert.True(last!.Value.Keys.eq(cat(keys, 2)).all().item<bool>());
        Assert.True(last!.Value.Values.eq(cat(values, 2)).all().item<bool>());
    }
}
