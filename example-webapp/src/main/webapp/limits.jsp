<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false"
         trimDirectiveWhitespaces="true" import="io.imgfilter.demo.DemoLinks" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="demo" tagdir="/WEB-INF/tags" %>
<c:set var="pageTitle" value="Hard limits"/>
<c:set var="ctx" value="${pageContext.servletContext}"/>
<c:set var="sample" value="${DemoLinks.sample(ctx)}"/>
<%@ include file="/WEB-INF/jspf/top.jspf" %>
<h1>Hard limits</h1>
<p class="lead">
  Flexible options (<code>/images/width=400,fit=cover/…</code>) have limits of their own: in this
  demo <code>max-width</code> is 1000 pixels, device pixel ratio included. Over a limit the answer
  is a <code>400</code> that names the limit — even when the URL carries a valid signature, so a
  signed link cannot be edited into a full-size copy.
</p>
<div class="examples">
  <demo:example label="width=1000, signed" expect="ok" src="${DemoLinks.flexible(ctx, sample, 'width=1000')}">
    Exactly at the limit.
  </demo:example>
  <demo:example label="width=400,height=400,fit=cover" expect="ok" src="${DemoLinks.flexible(ctx, sample, 'width=400,height=400,fit=cover')}">
    Any size within the limits, cropped to fill.
  </demo:example>
  <demo:example label="width=1200, signed" expect="fail" src="${DemoLinks.flexible(ctx, sample, 'width=1200')}">
    “We don't allow viewing images larger than 1000 pixels wide.”
  </demo:example>
  <demo:example label="width=600,dpr=2, signed" expect="fail" src="${DemoLinks.flexible(ctx, sample, 'width=600,dpr=2')}">
    600 CSS pixels at a ratio of 2 are 1200 real pixels.
  </demo:example>
</div>
<%@ include file="/WEB-INF/jspf/bottom.jspf" %>
