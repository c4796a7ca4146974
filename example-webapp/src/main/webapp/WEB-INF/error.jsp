<%@ page contentType="text/plain; charset=UTF-8" pageEncoding="UTF-8" session="false" isErrorPage="true"
         trimDirectiveWhitespaces="true" %><%--
  The container's own errors as a short text, the same in every container. --%>
<% response.setHeader("X-Content-Type-Options", "nosniff"); %>
<% int status = response.getStatus(); %>
<%= status == 404 ? "not found" : status == 400 ? "bad request" : status == 405 ? "method not allowed"
        : status >= 500 ? "internal error" : "refused" %>
