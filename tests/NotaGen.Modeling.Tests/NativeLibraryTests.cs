using TorchSharp;
using Xunit;

namespace NotaGen.Modeling.Tests;

/// <summary>The patched libLibTorchSharp.so loads on this machine and runs a tensor operation.</summary>
public class NativeLibraryTests
{
    [Fact]
    public void A_matrix_product_runs()
    {
        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var product = a.matmul(a);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, product.data<float>().ToArray());
    }
}
