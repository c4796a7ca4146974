<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" errorPage="/error.jsp"
    import="java.time.Instant, java.util.Date" %>
<%@ taglib prefix="img" uri="urn:imgfilter:tags" %>
<%
    long epoch = Long.parseLong(request.getParameter("epoch"));
    pageContext.setAttribute("instant", Instant.ofEpochSecond(epoch));
    pageContext.setAttribute("date", new Date(epoch * 1000 + 999));
    pageContext.setAttribute("iso", Instant.ofEpochSecond(epoch).toString());
%>
<!DOCTYPE html>
<html><body>
<img:signed src="cat.jpg" preset="small" expires="${instant}" id="instant"/>
<img:signed src="cat.jpg" preset="small" expires="${date}" id="date"/>
<img:signed src="cat.jpg" preset="small" expires="${iso}" id="iso"/>
</body></html>
