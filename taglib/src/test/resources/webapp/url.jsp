<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" errorPage="/error.jsp" %>
<%@ taglib prefix="img" uri="urn:imgfilter:tags" %>
<!DOCTYPE html>
<html><body>
<img:url src="${param.src}" preset="small" var="smallUrl" scope="request"/>
<img:url src="${param.src}" preset="medium" ttl="5m" var="mediumUrl"/>
<pre id="var-request">${requestScope.smallUrl}</pre>
<pre id="var-page">${mediumUrl}</pre>
<a id="written" href="<img:url src="${param.src}" preset="large"/>">large</a>
<a id="flexible" href="<img:url src="${param.src}" options="width=400,height=100,fit=cover"/>">flexible</a>
<pre id="fn-signedUrl">${img:signedUrl(param.src, 'small')}</pre>
<pre id="fn-signedUrlFor">${img:signedUrlFor(param.src, 'large', '30m')}</pre>
<pre id="fn-srcset">${img:srcset(param.src, 'small,medium,large')}</pre>
<pre id="fn-public">${img:signedUrl(param.src, 'thumb')}</pre>
</body></html>
