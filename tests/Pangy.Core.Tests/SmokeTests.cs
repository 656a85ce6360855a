namespace Pangy.Core.Tests; public class SmokeTests { [Fact] public void Version() => Assert.Equal("v0.3.0", Pangy.Core.PangyVersion.Current); }
