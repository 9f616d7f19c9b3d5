namespace Publisher.Core.Tests;
