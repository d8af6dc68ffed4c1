def handle(req):
    """Called once per request with the request body as a string; return the response body.

    Request details are in the environment: Http_Method, Http_Path, Http_Query, Http_<Header>.
    """
    return "Hello from python3: " + req
