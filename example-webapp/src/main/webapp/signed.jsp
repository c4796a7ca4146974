<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false"
         trimDirectiveWhitespaces="true" import="io.imgfilter.demo.DemoLinks" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="demo" tagdir="/WEB-INF/tags" %>
<c:set var="pageTitle" value="Signed URLs"/>
<c:set var="ctx" value="${pageContext.servletContext}"/>
<c:set var="sample" value="${DemoLinks.sample(ctx)}"/>
<%@ include file="/WEB-INF/jspf/top.jspf" %>
<h1>Signed, expiring URLs</h1>
<p class="lead">
  <code>small</code>, <code>medium</code>, <code>large</code> and flexible options need a token:
  <code>exp</code> (expiry, Unix seconds) and <code>sig</code>, the HMAC-SHA256 of the path and
  query under the server's key. The page that renders the link signs it; the filter checks it
  before reading any original. Anything else is <code>403 invalid or expired signature</code>.
</p>
<div class="examples">
  <demo:example label="Valid for an hour" expect="ok" src="${DemoLinks.url(ctx, sample, 'small')}"/>
  <demo:example label="Expired an hour ago" expect="fail" src="${DemoLinks.expired(ctx, sample, 'small')}">
    Same key, but <code>exp</code> is in the past.
  </demo:example>
  <demo:example label="Tampered signature" expect="fail" src="${DemoLinks.tampered(ctx, sample, 'small')}">
    One hex digit of <code>sig</code> changed.
  </demo:example>
  <demo:example label="Moved to another preset" expect="fail" src="${DemoLinks.moved(ctx, sample, 'small', 'large')}">
    Signed for <code>small</code>, asked for <code>large</code>: the path is part of what is signed.
  </demo:example>
  <demo:example label="No token" expect="fail" src="${DemoLinks.unsigned(ctx, sample, 'small')}"/>
</div>
<%@ include file="/WEB-INF/jspf/bottom.jspf" %>
