namespace Publisher.Web.Tests;
