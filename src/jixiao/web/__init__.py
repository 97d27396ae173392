"""The web app (`jixiao serve`): pages and the REST API over the same services as the command line."""
